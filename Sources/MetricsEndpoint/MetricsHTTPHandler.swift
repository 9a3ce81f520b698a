import NIOCore
import NIOHTTP1

/// The per-connection handler of `MetricsServer`: answers each request once it has fully arrived (a request body is
/// read and ignored), with keep-alive semantics. NIO's pipelining helper (from `configureHTTPServerPipeline`) holds
/// back the next request on a kept-alive connection until this response has ended.
final class MetricsHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    static let metricsContentType = MetricsFormat.prometheus.contentType

    /// The exposition in a format; nil when the server does not serve that format.
    private let metrics: @Sendable (MetricsFormat) -> String?
    private var head: HTTPRequestHead?

    init(metrics: @escaping @Sendable (MetricsFormat) -> String?) {
        self.metrics = metrics
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
        case .body:
            break
        case .end:
            guard let head else { return }
            self.head = nil
            write(response(to: head), head: head, context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    private struct Response {
        var status: HTTPResponseStatus
        var contentType: String
        var body: String
        var extraHeaders: [(String, String)] = []
    }

    private func response(to head: HTTPRequestHead) -> Response {
        let path = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let known = path == "/metrics" || path == "/"
        guard known else {
            return Response(
                status: .notFound, contentType: "text/plain; charset=utf-8",
                body: "Not found; metrics are at /metrics\n")
        }
        guard head.method == .GET || head.method == .HEAD else {
            return Response(
                status: .methodNotAllowed, contentType: "text/plain; charset=utf-8", body: "Use GET or HEAD\n",
                extraHeaders: [("Allow", "GET, HEAD")])
        }
        if path == "/metrics" {
            // The scraper's preferred format when it is served (OpenMetrics carries exemplars), else the text format.
            let wanted = MetricsFormat.negotiate(accept: head.headers.first(name: "Accept"))
            if let body = metrics(wanted) {
                return Response(
                    status: .ok, contentType: wanted.contentType, body: body, extraHeaders: [("Vary", "Accept")])
            }
            return Response(
                status: .ok, contentType: Self.metricsContentType, body: metrics(.prometheus) ?? "",
                extraHeaders: [("Vary", "Accept")])
        }
        return Response(status: .ok, contentType: "text/html; charset=utf-8", body: Self.indexPage)
    }

    private static let indexPage = """
        <!doctype html>
        <html><head><title>Rehearsal probe</title></head>
        <body><h1>Rehearsal probe</h1><p>Metrics: <a href="/metrics">/metrics</a></p></body></html>

        """

    /// Writes `response` with a `Content-Length` (also for HEAD, without the body); closes afterwards unless
    /// keep-alive applies.
    private func write(_ response: Response, head: HTTPRequestHead, context: ChannelHandlerContext) {
        let keepAlive = head.isKeepAlive
        var body = context.channel.allocator.buffer(capacity: response.body.utf8.count)
        body.writeString(response.body)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: response.contentType)
        headers.add(name: "Content-Length", value: String(body.readableBytes))
        headers.add(name: "Cache-Control", value: "no-store")
        for (name, value) in response.extraHeaders { headers.add(name: name, value: value) }
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        let responseHead = HTTPResponseHead(version: head.version, status: response.status, headers: headers)
        context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
        if head.method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        }
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        guard !keepAlive else { return }
        let channel = context.channel
        done.whenComplete { _ in channel.close(promise: nil) }
    }
}
