import NIOCore
import NIOHTTP1

/// The per-connection handler of the demo server: gathers a request, asks `DemoAPI`, writes the
/// answer with keep-alive semantics.
///
/// NIO's pipelining helper (from `configureHTTPServerPipeline`) holds back the next request on
/// a kept-alive connection until this response has ended, so one pending slow query per
/// connection is all this handler ever has to track.
final class DemoHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let api: DemoAPI
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()

    init(api: DemoAPI) {
        self.api = api
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.clear()
        case .body(var chunk):
            body.writeBuffer(&chunk)
        case .end:
            guard let head else { return }
            self.head = nil
            let request = DemoRequest(head: head, body: body)
            api.handle(request, on: context.eventLoop).assumeIsolated().whenComplete { result in
                self.deliver(result, for: request, head: head, context: context)
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // Load clients reset connections when they time out; that is expected, not an error.
        context.close(promise: nil)
    }

    private func deliver(
        _ result: Result<DemoResponse, Error>, for request: DemoRequest, head: HTTPRequestHead,
        context: ChannelHandlerContext
    ) {
        guard context.channel.isActive else {
            // The client gave up while the query ran: the work was done for nobody.
            if request.path == DemoAPI.tasksPath { api.stats.recordQueryAbandoned() }
            return
        }
        let response = (try? result.get()) ?? .error(.internalServerError, "internal error")
        write(response, head: head, context: context)
    }

    /// Writes `response` with a `Content-Length`; closes afterwards unless keep-alive applies.
    private func write(_ response: DemoResponse, head: HTTPRequestHead, context: ChannelHandlerContext) {
        let keepAlive = head.isKeepAlive
        var headers = response.headers
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.readableBytes))
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        let responseHead = HTTPResponseHead(version: head.version, status: response.status, headers: headers)
        context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
        if head.method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(response.body))), promise: nil)
        }
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        guard !keepAlive else { return }
        let channel = context.channel
        done.whenComplete { _ in channel.close(promise: nil) }
    }
}
