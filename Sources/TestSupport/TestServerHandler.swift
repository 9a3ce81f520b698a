import NIOCore
import NIOHTTP1

/// A request whose head and whole body have arrived.
struct ReceivedRequest {
    let head: HTTPRequestHead
    let body: ByteBuffer

    /// The path without its query string.
    var path: String { Self.split(head.uri).path }
    /// The raw query string (without `?`), or "" when there is none.
    var query: String { Self.split(head.uri).query }

    static func split(_ uri: String) -> (path: String, query: String) {
        guard let mark = uri.firstIndex(of: "?") else { return (uri, "") }
        return (String(uri[..<mark]), String(uri[uri.index(after: mark)...]))
    }
}

/// The per-connection handler of `TestServer`: gathers each request and hands it to its route.
///
/// `configureHTTPServerPipeline` puts NIO's pipelining helper in front of this handler, so a
/// second request on a kept-alive connection is only delivered after the previous response has
/// ended, even when that response is delayed by a timer.
final class TestServerHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let state: TestServerState
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()

    init(state: TestServerState) {
        self.state = state
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.clear()
            // Counted on arrival: tests want to know what the client sent, answered or not.
            state.recordRequest(path: ReceivedRequest.split(head.uri).path, target: head.uri)
            for value in head.headers["traceparent"] { state.recordTraceParent(value) }
        case .body(var chunk):
            body.writeBuffer(&chunk)
        case .end:
            guard let head else { return }
            self.head = nil
            let request = ReceivedRequest(head: head, body: body)
            let writer = ResponseWriter(context: context, request: head)
            TestEndpoints(state: state, writer: writer).respond(to: request)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // A peer that resets the connection is routine in transport tests; just drop it.
        context.close(promise: nil)
    }
}
