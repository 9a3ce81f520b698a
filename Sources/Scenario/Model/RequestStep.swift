/// One HTTP request of a flow, with what to capture from its response and what to check.
public struct RequestStep: Sendable, Equatable, Codable {
    /// The name reports use (defaults to "METHOD path").
    public var name: String
    public var method: String
    /// An absolute URL or a path joined to the profile's base URL; may hold `{{…}}` templates.
    public var url: Template
    public var query: [QueryItem]
    public var headers: [Header]
    public var body: Body?
    public var captures: [Capture]
    public var checks: [Check]
    /// This step's whole-request limit (`timeout:`), instead of `timeouts.request`.
    public var timeout: Duration?
    /// Redirects to follow (`follow_redirects: N`), each hop checked against the allow-list; nil or 0: none, the
    /// 3xx is the response.
    public var followRedirects: Int?
    /// This step's spinner limit (`spinner:`), instead of the role's or `timeouts.spinner`.
    public var spinner: Duration?
    public var source: SourceLocation?

    public init(
        name: String, method: String, url: Template, query: [QueryItem] = [], headers: [Header] = [],
        body: Body? = nil, captures: [Capture] = [], checks: [Check] = [], source: SourceLocation? = nil
    ) {
        self.name = name
        self.method = method
        self.url = url
        self.query = query
        self.headers = headers
        self.body = body
        self.captures = captures
        self.checks = checks
        self.source = source
    }

    /// Whether the response body must be kept (a capture or check reads it).
    public var needsBody: Bool {
        captures.contains { $0.source.readsBody } || checks.contains { $0.readsBody }
    }

    /// Whether the response headers must be kept (a capture or a check reads one).
    public var needsHeaders: Bool {
        captures.contains { $0.source.readsHeaders } || checks.contains { $0.readsHeaders }
    }
}

/// A request or response header; the value may hold templates.
public struct Header: Sendable, Equatable, Codable {
    public var name: String
    public var value: Template

    public init(name: String, value: Template) {
        self.name = name
        self.value = value
    }
}

/// One query parameter; the value may hold templates. Encoded with percent-escapes when sent.
public struct QueryItem: Sendable, Equatable, Codable {
    public var name: String
    public var value: Template

    public init(name: String, value: Template) {
        self.name = name
        self.value = value
    }
}

/// A request body.
public enum Body: Sendable, Equatable, Codable {
    /// Sent as is, with the given content type if any.
    case raw(Template, contentType: String?)
    /// A JSON document (templates inside string values are expanded); sent as `application/json`.
    case json(JSONValue)
    /// Form fields sent as `application/x-www-form-urlencoded`.
    case form([QueryItem])
}
