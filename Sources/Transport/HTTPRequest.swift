/// One request as the transport sends it: everything already rendered.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    /// Absolute URL.
    public var url: String
    /// Header lines `Name: value`.
    public var headerLines: [String]
    public var body: [UInt8]?
    /// Keep up to this many bytes of the response body (0: count only).
    public var keepBodyBytes: Int
    /// Keep the response header lines.
    public var keepHeaders: Bool
    /// The `Accept-Encoding` to send instead of the handle's (`TransferOptions.acceptEncoding`), e.g. what the
    /// recorded browser sent; libcurl decodes the response either way.
    public var acceptEncoding: String?
    /// Sent as a `traceparent` header (W3C Trace Context) when set; the header's bytes are rewritten in place, so a
    /// fresh ID per request costs no header list of its own.
    public var traceParent: TraceParent?
    /// This request's whole-transfer limit, instead of the handle's `TransferOptions.timeoutMilliseconds`.
    public var timeoutMilliseconds: Int?

    public init(
        method: String = "GET", url: String, headerLines: [String] = [], body: [UInt8]? = nil,
        keepBodyBytes: Int = 0, keepHeaders: Bool = false, acceptEncoding: String? = nil,
        traceParent: TraceParent? = nil, timeoutMilliseconds: Int? = nil
    ) {
        self.timeoutMilliseconds = timeoutMilliseconds
        self.traceParent = traceParent
        self.method = method
        self.url = url
        self.headerLines = headerLines
        self.body = body
        self.keepBodyBytes = keepBodyBytes
        self.keepHeaders = keepHeaders
        self.acceptEncoding = acceptEncoding
    }
}

/// Settings fixed for the life of an easy handle.
public struct TransferOptions: Sendable, Equatable {
    /// Whole-request limit (`CURLOPT_TIMEOUT_MS`).
    public var timeoutMilliseconds: Int
    /// DNS + TCP + TLS limit (`CURLOPT_CONNECTTIMEOUT_MS`).
    public var connectTimeoutMilliseconds: Int
    /// Allow HTTP/2 over TLS when the server offers it; otherwise HTTP/1.1 only.
    public var allowHTTP2: Bool
    public var verifyTLS: Bool
    /// Extra CA bundle file (PEM), e.g. a test CA.
    public var caFile: String?
    /// `HOST:PORT:CONNECT-HOST:CONNECT-PORT` entries (`CURLOPT_CONNECT_TO`).
    public var connectTo: [String]
    /// The local address connections are bound to (`CURLOPT_INTERFACE "host!ADDR"`), e.g. a loopback address
    /// of a virtual user's own so a network-emulation proxy can tell users apart.
    public var localAddress: String?
    /// What `Accept-Encoding` asks for, as a browser does (`CURLOPT_ACCEPT_ENCODING`: libcurl sends it and decodes
    /// the response); nil asks for no encoding. Encodings this libcurl cannot decode are left out.
    public var acceptEncoding: String?
    /// `User-Agent` sent when the request sets none (a flow's own header wins); nil sends none.
    public var userAgent: String?

    /// What current browsers ask for.
    public static let browserAcceptEncoding = "gzip, deflate, br"

    public init(
        timeoutMilliseconds: Int = 10_000, connectTimeoutMilliseconds: Int = 5_000, allowHTTP2: Bool = true,
        verifyTLS: Bool = true, caFile: String? = nil, connectTo: [String] = [], localAddress: String? = nil,
        acceptEncoding: String? = TransferOptions.browserAcceptEncoding, userAgent: String? = nil
    ) {
        self.acceptEncoding = acceptEncoding
        self.userAgent = userAgent
        self.timeoutMilliseconds = timeoutMilliseconds
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.allowHTTP2 = allowHTTP2
        self.verifyTLS = verifyTLS
        self.caFile = caFile
        self.connectTo = connectTo
        self.localAddress = localAddress
    }
}
