import Scenario

/// One item of `log.entries` in a HAR 1.2 file, reduced to the fields the import reads.
///
/// Every field but `request` is optional: browsers and proxies leave out what the specification calls
/// required (Safari omits `timings`, mitmproxy `pageref`, Charles sometimes `response.content.mimeType`),
/// and `_`-prefixed private fields are ignored except Chrome's `_resourceType` and `_fromCache`.
struct HAREntry: Decodable {
    var pageref: String?
    /// ISO 8601 text as written (parsed by ``HARTimestamp``).
    var startedDateTime: String?
    /// Total milliseconds; `-1` or missing when the writer did not know.
    var time: Double?
    var request: HARRequest
    var response: HARResponse?
    /// Chrome's `_resourceType`: `document`, `xhr`, `fetch`, `script`, `image`, …
    var resourceType: String?
    /// Chrome's `_fromCache` (`memory` or `disk`): the browser answered from its cache and sent nothing.
    var fromCache: String?

    private enum Keys: String, CodingKey {
        case pageref, startedDateTime, time, request, response
        case resourceType = "_resourceType"
        case fromCache = "_fromCache"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        pageref = c.lenientString(.pageref)
        startedDateTime = c.lenientString(.startedDateTime)
        time = c.lenientDouble(.time)
        request = try c.decode(HARRequest.self, forKey: .request)
        response = try c.decodeIfPresent(HARResponse.self, forKey: .response)
        resourceType = c.lenientString(.resourceType)
        fromCache = c.lenientString(.fromCache)
    }
}

/// `entry.request`.
struct HARRequest: Decodable {
    var method: String
    var url: String
    var headers: [HARField]
    var postData: HARPostData?

    private enum Keys: String, CodingKey { case method, url, headers, postData }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        method = c.lenientString(.method)?.uppercased() ?? "GET"
        url = try c.decode(String.self, forKey: .url)
        headers = try c.optionalList(HARField.self, .headers)
        postData = try c.decodeIfPresent(HARPostData.self, forKey: .postData)
        try Self.checkLines(method: method, headers: headers)
    }

    /// A method or request header that would break its line (CR, LF, NUL) or is no header name: never written
    /// into a flow, where it would add a header of its own to every request. (`:authority` and the other HTTP/2
    /// pseudo-headers are dropped later.)
    private static func checkLines(method: String, headers: [HARField]) throws(HARValueProblem) {
        if HeaderText.breaksLine(method) {
            throw HARValueProblem(field: "request.method", message: "holds a line break or NUL")
        }
        for (i, header) in headers.enumerated() {
            let problem =
                HeaderText.breaksLine(header.value)
                ? "the value of header \(i + 1) holds a line break or NUL"
                : header.name.hasPrefix(":") ? nil : HeaderText.nameProblem(header.name)
            if let problem { throw HARValueProblem(field: "request.headers[\(i)]", message: problem) }
        }
    }
}

/// A header, query parameter or form parameter: `{ "name": …, "value": … }` (plus fields the import ignores).
struct HARField: Decodable, Equatable {
    var name: String
    var value: String

    private enum Keys: String, CodingKey { case name, value }

    init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        name = c.lenientString(.name) ?? ""
        value = c.lenientString(.value) ?? ""
    }
}

/// `request.postData`: `text` (Chrome, Firefox, Safari, mitmproxy) or only `params` (Charles, older Firefox
/// for forms). `params[].fileName` marks a multipart file part.
struct HARPostData: Decodable {
    var mimeType: String?
    var text: String?
    var params: [HARParam]
    var encoding: String?
    /// `text` is there but is not a string Swift can hold (a lone surrogate `\udce9`, as mitmproxy writes
    /// for bytes that are not UTF-8).
    var textUnreadable = false

    private enum Keys: String, CodingKey { case mimeType, text, params, encoding }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        mimeType = c.lenientString(.mimeType)
        text = c.lenientString(.text)
        textUnreadable =
            text == nil && c.contains(.text) && (try? c.decodeNil(forKey: .text)) == false
            && (try? c.decode([String: String].self, forKey: .text)) == nil
        params = (try? c.optionalList(HARParam.self, .params)) ?? []
        encoding = c.lenientString(.encoding)
        if let mimeType, HeaderText.breaksLine(mimeType) {
            throw HARValueProblem(field: "request.postData.mimeType", message: "holds a line break or NUL")
        }
    }
}

/// One `postData.params` item.
struct HARParam: Decodable {
    var name: String
    var value: String
    var fileName: String?

    private enum Keys: String, CodingKey { case name, value, fileName }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        name = c.lenientString(.name) ?? ""
        value = c.lenientString(.value) ?? ""
        fileName = c.lenientString(.fileName)
    }
}

/// `entry.response`. `status` 0 means the request never got an answer (blocked, cancelled).
struct HARResponse: Decodable {
    var status: Int
    var headers: [HARField]
    var content: HARContent?
    var redirectURL: String?

    private enum Keys: String, CodingKey { case status, headers, content, redirectURL }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        status = try Self.status(c)
        headers = try c.optionalList(HARField.self, .headers)
        content = try c.decodeIfPresent(HARContent.self, forKey: .content)
        redirectURL = c.lenientString(.redirectURL)
    }

    /// A number (or numeric text) from 0 to 999; 0 when absent. Anything else — `-1`, `200.5`, `"abc"`, `true` —
    /// is an error, never a silent "no response".
    private static func status(_ c: KeyedDecodingContainer<Keys>) throws(HARValueProblem) -> Int {
        guard let value = c.lenientDouble(.status) else {
            guard c.contains(.status), (try? c.decodeNil(forKey: .status)) == false else { return 0 }
            let text = c.lenientString(.status).map { $0.prefix(20) }
            let shown = text.map { $0.allSatisfy { !$0.isNewline && $0.isASCII } ? "\"\($0)\"" : "this text" }
            throw HARValueProblem(
                field: "response.status", message: "\(shown ?? "a list or object") is not an HTTP status (0…999)")
        }
        guard let status = Int(exactly: value), (0...999).contains(status) else {
            throw HARValueProblem(field: "response.status", message: "\(value) is not an HTTP status (0…999)")
        }
        return status
    }
}

/// `response.content`. The text is decoded only when the import may read it (JSON, HTML, plain text, XML)
/// and it is small enough: a 20 MB video in base64 is skipped without ever becoming a `String`.
struct HARContent: Decodable {
    var mimeType: String?
    var size: Double?
    var encoding: String?
    /// The body, already base64-decoded; `nil` when absent, not textual or over the limit.
    var text: String?
    /// The body was there but not kept (too large or not text).
    var omitted = false

    private enum Keys: String, CodingKey { case mimeType, size, encoding, text }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        mimeType = c.lenientString(.mimeType)
        size = c.lenientDouble(.size)
        encoding = c.lenientString(.encoding)
        guard c.contains(.text) else { return }
        let limit = RecordingLimits.responseBodyBytes
        guard MediaType.isReadableText(mimeType), (size ?? 0) <= Double(limit) else {
            omitted = true
            return
        }
        guard let raw = c.lenientString(.text) else { return }
        let decoded = encoding?.lowercased() == "base64" ? Base64Text.decode(raw) : raw
        if let decoded, decoded.utf8.count <= limit {
            text = decoded
        } else {
            omitted = true
        }
    }
}

/// A field whose value has the right JSON type but no sensible meaning (`"status": 1e300`); reported like a
/// decoding error, located at the entry.
struct HARValueProblem: Error, CustomStringConvertible {
    var field: String
    var message: String

    var description: String { "\(field): \(message)" }
}
