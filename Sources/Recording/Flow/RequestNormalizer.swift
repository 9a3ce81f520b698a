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
        var headers = exchange.request.headers.filter { HeaderRules.keeps($0.name) }.map {
            DraftField(name: $0.name, value: Template(literal: $0.value))
        }
        let cookies = exchange.request.headers.filter { $0.name.lowercased() == "cookie" }.map(\.value)
        if !cookies.isEmpty, let kept = CookieRules.kept(cookies.joined(separator: "; "), serverCookies: serverCookies)
        {
            headers.append(DraftField(name: "Cookie", value: Template(literal: kept)))
        }
        let contentType = exchange.request.header("content-type") ?? exchange.request.body?.mimeType
        return DraftRequest(
            position: position, method: exchange.request.method, originVariable: origins.variable(for: url),
            path: url.path.split(separator: "/", omittingEmptySubsequences: false).map {
                Template(literal: String($0))
            },
            urlOverride: nil, query: Self.query(url.query), headers: headers,
            body: exchange.request.body.flatMap { Self.body($0, contentType: contentType) })
    }

    /// Parameters when every pair is `name=value` without `+` (whose meaning, space or plus, depends on the
    /// server); otherwise the recorded text, sent as is.
    static func query(_ text: String?) -> DraftQuery {
        guard let text, !text.isEmpty else { return .none }
        guard !text.contains("+"), let pairs = FormEncoding.pairs(text, plusAsSpace: false) else {
            return .literal(Template(literal: text))
        }
        return .items(pairs.map { DraftField(name: $0.name, value: Template(literal: $0.value)) })
    }

    static func body(_ body: RecordedBody, contentType: String?) -> DraftBody? {
        if body.text.isEmpty { return nil }
        let looksJSON = body.text.first.map { $0 == "{" || $0 == "[" } ?? false
        if MediaType.isJSON(contentType) || (contentType == nil && looksJSON),
            let value = JSONValue.parse(body.text), Self.isDocument(value)
        {
            return .json(DraftJSON(value))
        }
        if MediaType.isForm(contentType), let pairs = FormEncoding.pairs(body.text, plusAsSpace: true) {
            return .form(pairs.map { DraftField(name: $0.name, value: Template(literal: $0.value)) })
        }
        return .raw(Template(literal: body.text), contentType: contentType)
    }

    /// An object or a list whose numbers survive a round trip through `Double`: a bare JSON value, or a
    /// 19-digit ID that would lose its last digits, is kept as raw text with its exact bytes.
    private static func isDocument(_ value: JSONValue) -> Bool {
        switch value {
        case .object, .array: isExact(value)
        default: false
        }
    }

    private static func isExact(_ value: JSONValue) -> Bool {
        switch value {
        case .number(let n): abs(n) < 9_007_199_254_740_992
        case .array(let items): items.allSatisfy(isExact)
        case .object(let members): members.allSatisfy { isExact($0.1) }
        default: true
        }
    }
}

extension DraftJSON {
    init(_ value: JSONValue) {
        switch value {
        case .array(let items): self = .array(items.map(DraftJSON.init))
        case .object(let members): self = .object(members.map { ($0.0, DraftJSON($0.1)) })
        default: self = .value(value)
        }
    }
}
