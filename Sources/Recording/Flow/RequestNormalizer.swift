import Scenario

/// Turns a kept ``RecordedExchange`` into a ``DraftRequest``: URL split into origin, path and query, headers
/// filtered, body parsed as JSON, form fields or raw text.
struct RequestNormalizer {
    var origins: OriginTable
    /// Cookies a server set during the recording (left to the virtual user's jar).
    var serverCookies: Set<String>

    mutating func draft(_ exchange: RecordedExchange, position: Int) -> DraftRequest {
        let url =
            RecordedURL.parse(exchange.request.url)
            ?? RecordedURL(scheme: "http", host: "localhost", port: nil, path: "/", query: nil)
        var headers = HeaderRules.merged(exchange.request.headers.filter { HeaderRules.keeps($0.name) }).map {
            DraftField(name: $0.name, value: Template(literal: $0.value))
        }
        let cookies = exchange.request.headers.filter { $0.name.lowercased() == "cookie" }.map(\.value)
        if !cookies.isEmpty, let kept = CookieRules.kept(cookies.joined(separator: "; "), serverCookies: serverCookies)
        {
            headers.append(DraftField(name: "Cookie", value: Template(literal: kept)))
        }
        let recordedType = exchange.request.header("content-type") ?? exchange.request.body?.mimeType
        let contentType = recordedType?.isEmpty == true ? nil : recordedType
        return DraftRequest(
            position: position, method: exchange.request.method, originVariable: origins.variable(for: url),
            path: url.path.split(separator: "/", omittingEmptySubsequences: false).map {
                Template(literal: String($0))
            },
            urlOverride: nil, query: Self.query(url.query), headers: headers,
            body: exchange.request.body.flatMap { Self.body($0, contentType: contentType) })
    }

    /// Parameters when every pair is `name=value` without `+` (whose meaning, space or plus, depends on the
    /// server); otherwise the recorded text in pieces, sent as recorded.
    static func query(_ text: String?) -> DraftQuery {
        guard let text, !text.isEmpty else { return .none }
        guard !text.contains("+"), let pairs = FormEncoding.pairs(text, plusAsSpace: false), Self.uniqueNames(pairs)
        else {
            return .raw(RawQueryPair.split(text))
        }
        return .items(pairs.map { DraftField(name: $0.name, value: Template(literal: $0.value)) })
    }

    /// A JSON document whatever the content type says (`fetch` sends a string body as `text/plain`), then
    /// form fields, else the recorded text (also for a document or form that repeats a name, which a `json:` or
    /// `form:` mapping cannot hold).
    static func body(_ body: RecordedBody, contentType: String?) -> DraftBody? {
        if body.text.isEmpty { return nil }
        let first = body.text.unicodeScalars.first { !" \t\r\n".unicodeScalars.contains($0) }
        if MediaType.isJSON(contentType) || first == "{" || first == "[",
            let value = JSONValue.parse(body.text), Self.isDocument(value), !value.hasRepeatedKeys
        {
            var numbers = JSONNumberText.all(in: body.text)[...]
            return .json(DraftJSON(value, numbers: &numbers), contentType: contentType)
        }
        if MediaType.isForm(contentType), let pairs = FormEncoding.pairs(body.text, plusAsSpace: true),
            Self.uniqueNames(pairs)
        {
            return .form(pairs.map { DraftField(name: $0.name, value: Template(literal: $0.value)) })
        }
        return .raw(Template(literal: body.text), contentType: contentType)
    }

    /// Whether no name repeats: `query:` and `form:` are mappings, so repeated names (`?tag=a&tag=b`) are sent
    /// as the recorded text instead.
    private static func uniqueNames(_ pairs: [(name: String, value: String)]) -> Bool {
        Set(pairs.map(\.name)).count == pairs.count
    }

    /// An object or a list (a bare JSON value is kept as raw text).
    private static func isDocument(_ value: JSONValue) -> Bool {
        switch value {
        case .object, .array: true
        default: false
        }
    }
}

extension DraftJSON {
    /// The parsed document; `numbers` are its number literals as written (``JSONNumberText``). A number that
    /// does not survive a round trip through `Double` (a 19-digit ID) keeps its recorded digits as a number
    /// template, so the body is written as JSON text with those exact bytes.
    init(_ value: JSONValue, numbers: inout ArraySlice<String>) {
        switch value {
        case .array(let items): self = .array(items.map { DraftJSON($0, numbers: &numbers) })
        case .object(let members): self = .object(members.map { ($0.0, DraftJSON($0.1, numbers: &numbers)) })
        case .number(let n):
            let text = numbers.popFirst()
            if let text, abs(n) >= 9_007_199_254_740_992 || Double(text) != n {
                self = .template(Template(literal: text), wasNumber: true)
            } else {
                self = .value(value)
            }
        default: self = .value(value)
        }
    }
}

extension JSONValue {
    /// Whether an object anywhere in the value names a key twice (`{"a": 1, "a": 2}`).
    var hasRepeatedKeys: Bool {
        switch self {
        case .object(let members):
            Set(members.map(\.0)).count != members.count || members.contains { $0.1.hasRepeatedKeys }
        case .array(let items): items.contains(where: \.hasRepeatedKeys)
        default: false
        }
    }
}
