import NIOCore
import NIOHTTP1

/// A fully received request to the demo API, free of NIO channel types so the API logic can run
/// (and be reasoned about) without a connection.
struct DemoRequest: Sendable {
    let method: HTTPMethod
    /// Path without query string.
    let path: String
    /// Decoded query parameters (last value wins).
    let query: [String: String]
    let headers: HTTPHeaders
    let body: ByteBuffer

    init(head: HTTPRequestHead, body: ByteBuffer) {
        method = head.method
        headers = head.headers
        self.body = body
        let parts = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = String(parts.first ?? "")
        var query: [String: String] = [:]
        for pair in (parts.count > 1 ? parts[1] : "").split(separator: "&") {
            let keyValue = pair.split(separator: "=", maxSplits: 1).map(String.init)
            query[keyValue[0]] = keyValue.count > 1 ? keyValue[1] : ""
        }
        self.query = query
    }
}

/// A response of the demo API: JSON, except the one HTML page.
struct DemoResponse: Sendable {
    var status: HTTPResponseStatus
    var headers: HTTPHeaders
    var body: ByteBuffer

    init(_ status: HTTPResponseStatus, json: some Encodable, headers: HTTPHeaders = [:]) {
        self.status = status
        self.headers = headers
        self.headers.replaceOrAdd(name: "Content-Type", value: "application/json")
        self.body = DemoPayloads.encode(json)
    }

    /// An HTML page; never cached, so a recording always holds the document request.
    init(_ status: HTTPResponseStatus, html: String) {
        self.status = status
        self.headers = ["Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store"]
        self.body = ByteBuffer(string: html)
    }

    /// `{"error": message}` with `status`.
    static func error(_ status: HTTPResponseStatus, _ message: String) -> DemoResponse {
        DemoResponse(status, json: DemoPayloads.ErrorResponse(error: message))
    }
}
