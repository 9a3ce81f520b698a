/// A header or parameter as recorded: name and value, in recorded order.
public struct HTTPField: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One recorded request and (for a HAR) its response, reduced to what the import needs.
///
/// Produced from a HAR entry or a curl command; the rest of the import works on these only.
public struct RecordedExchange: Sendable {
    /// Position in the source: the entry's index in `log.entries`, or the curl command's number.
    public var index: Int
    /// When the request started, in seconds since 1970; `nil` when not recorded.
    public var started: Double?
    /// Total time in milliseconds (0 when unknown).
    public var duration: Double
    /// The HAR page the request belongs to.
    public var pageref: String?
    /// Chrome's `_resourceType`, lower-cased.
    public var resourceType: String?
    /// The browser answered from its own cache.
    public var fromCache: Bool
    public var request: RecordedRequest
    /// `nil` for curl commands and for HAR entries without a response.
    public var response: RecordedResponse?

    /// When the response was complete, in seconds since 1970.
    var ended: Double? { started.map { $0 + duration / 1000 } }
}

/// The request half of an exchange.
public struct RecordedRequest: Sendable {
    public var method: String
    public var url: String
    /// Headers in recorded order; HTTP/2 pseudo-headers (`:authority`, …) already removed.
    public var headers: [HTTPField]
    public var body: RecordedBody?

    public init(method: String, url: String, headers: [HTTPField], body: RecordedBody? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The first header of that name (case-insensitive).
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name }?.value
    }
}

/// A request body: text with its content type, or form parameters when the writer gave only those.
public struct RecordedBody: Sendable, Equatable {
    public var mimeType: String?
    public var text: String
    /// Parameters of a multipart body (file parts), which the flow format cannot express.
    public var isMultipart: Bool
    /// The recorded body could not be read as UTF-8 text (non-UTF-8 bytes, a lone surrogate escape, bad
    /// base64): `text` is empty and the request is dropped, never sent without its body.
    public var isUndecodable: Bool

    public init(mimeType: String?, text: String, isMultipart: Bool = false, isUndecodable: Bool = false) {
        self.mimeType = mimeType
        self.text = text
        self.isMultipart = isMultipart
        self.isUndecodable = isUndecodable
    }
}

/// The response half of an exchange, with the body only when it is readable text of bounded size.
public struct RecordedResponse: Sendable {
    public var status: Int
    public var headers: [HTTPField]
    public var mimeType: String?
    /// The body text (≤ ``RecordingLimits/responseBodyBytes``), for correlation.
    public var body: String?

    public init(status: Int, headers: [HTTPField], mimeType: String?, body: String?) {
        self.status = status
        self.headers = headers
        self.mimeType = mimeType
        self.body = body
    }
}
