/// Why a recorded request is not in the flow. Every dropped entry has exactly one reason.
public enum DropReason: Sendable, Hashable {
    /// Not an http(s) URL: `data:`, `blob:`, `ws:`, `chrome-extension:` …
    case notHTTP(scheme: String)
    /// Matched an `--exclude` pattern.
    case excluded(pattern: String)
    /// A script, stylesheet, image, font, media file, source map or manifest.
    case staticAsset(kind: String)
    /// A CORS preflight (`OPTIONS` with `Access-Control-Request-Method`), which the browser sends on its own.
    case corsPreflight
    /// A beacon or ping (`navigator.sendBeacon`, `<a ping>`), analytics by nature.
    case beacon
    /// A WebSocket or server-sent-event stream, which a flow cannot replay.
    case stream
    /// The browser answered from its cache; nothing was sent.
    case browserCache
    /// No response was recorded (blocked, cancelled, or failed before an answer).
    case noResponse
    /// A multipart body (file upload), which the flow format cannot express.
    case multipartBody
    /// A request body over ``RecordingLimits/requestBodyBytes``.
    case bodyTooLarge
    /// A request body that is not UTF-8 text (or not valid base64), which a flow cannot send as recorded.
    case undecodableBody
    /// A method flows cannot send (they know GET, POST, PUT, PATCH, DELETE, HEAD and OPTIONS).
    case unsupportedMethod(String)
    /// A host other than the ones kept (analytics, CDNs, third parties).
    case otherHost(host: String)

    /// The reason without its detail, for counting: `static asset`, `other host`.
    public var category: String {
        switch self {
        case .notHTTP: "not http(s)"
        case .excluded(let pattern): "matched --exclude '\(pattern)'"
        case .staticAsset: "static asset"
        case .corsPreflight: "CORS preflight (sent by the browser itself)"
        case .beacon: "beacon/ping (analytics)"
        case .stream: "WebSocket or event stream (not replayable)"
        case .browserCache: "answered from the browser cache (never sent)"
        case .noResponse: "no response recorded (blocked or cancelled)"
        case .multipartBody: "multipart upload (not supported by flows)"
        case .bodyTooLarge: "request body over 1 MB"
        case .undecodableBody: "request body not UTF-8 text (binary or bad base64)"
        case .unsupportedMethod: "method flows cannot send"
        case .otherHost: "other host"
        }
    }

    /// The detail counted within the category: the asset kind, the host, the scheme.
    public var detail: String? {
        switch self {
        case .notHTTP(let scheme): scheme
        case .staticAsset(let kind): kind
        case .otherHost(let host): host
        case .unsupportedMethod(let method): method
        default: nil
        }
    }
}
