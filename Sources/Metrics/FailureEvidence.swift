/// A failed request and its response, kept so whoever is paged can see what happened without re-running:
/// status, headers, the first bytes of the body and the timings. Secrets are redacted before one is made.
public struct FailureEvidence: Sendable, Equatable, Codable {
    public var flow: String
    public var step: String
    public var role: String
    public var error: String
    public var message: String
    public var method: String
    public var url: String
    public var requestHeaders: [String]
    public var requestBody: String?
    /// 0 when no response arrived.
    public var status: Int
    public var responseHeaders: [String]
    public var responseBody: String?
    /// Phase times in ms (`dns`, `connect`, `tls`, `ttfb`, `transfer`, `total`).
    public var timingsMs: [String: Double]

    public init(
        flow: String, step: String, role: String, error: String, message: String, method: String, url: String,
        requestHeaders: [String], requestBody: String?, status: Int, responseHeaders: [String],
        responseBody: String?, timingsMs: [String: Double]
    ) {
        self.flow = flow
        self.step = step
        self.role = role
        self.error = error
        self.message = message
        self.method = method
        self.url = url
        self.requestHeaders = requestHeaders
        self.requestBody = requestBody
        self.status = status
        self.responseHeaders = responseHeaders
        self.responseBody = responseBody
        self.timingsMs = timingsMs
    }
}
