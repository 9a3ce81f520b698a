import NIOCore
import NIOHTTP1

/// Writes the response to one request on one connection.
///
/// It exists so every endpoint gets keep-alive, `Connection: close` and HEAD right in one place:
/// the load client reuses connections, so a server that forgets to close (or closes when it
/// should not) would make transport tests lie.
struct ResponseWriter {
    let context: ChannelHandlerContext
    let version: HTTPVersion
    let keepAlive: Bool
    let isHead: Bool

    init(context: ChannelHandlerContext, request: HTTPRequestHead) {
        self.context = context
        self.version = request.version
        self.keepAlive = request.isKeepAlive
        self.isHead = request.method == .HEAD
    }

    /// Whether the client is still there (a delayed response may outlive the connection).
    var isActive: Bool { context.channel.isActive }

    /// Sends a complete response with a `Content-Length` body.
    func send(_ status: HTTPResponseStatus, headers: HTTPHeaders = [:], body: ByteBuffer) {
        guard isActive else { return }
        var headers = headers
        // 204 and 304 must not carry a body or its length.
        let bodyAllowed = status != .noContent && status != .notModified
        if bodyAllowed {
            headers.replaceOrAdd(name: "Content-Length", value: String(body.readableBytes))
        }
        writeHead(status, headers: headers)
        if bodyAllowed && !isHead && body.readableBytes > 0 {
            context.write(NIOAny(HTTPServerResponsePart.body(.byteBuffer(body))), promise: nil)
        }
        finish()
    }

    /// Sends a plain-text response.
    func send(_ status: HTTPResponseStatus, text: String, headers: HTTPHeaders = [:]) {
        var headers = headers
        if !headers.contains(name: "Content-Type") {
            headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        }
        send(status, headers: headers, body: ByteBuffer(string: text))
    }

    /// Writes the response head only (for streamed bodies); adds `Connection: close` when the
    /// connection will not be reused.
    func writeHead(_ status: HTTPResponseStatus, headers: HTTPHeaders) {
        var headers = headers
        if !keepAlive {
            headers.replaceOrAdd(name: "Connection", value: "close")
        }
        let head = HTTPResponseHead(version: version, status: status, headers: headers)
        context.write(NIOAny(HTTPServerResponsePart.head(head)), promise: nil)
    }

    /// Writes and flushes one piece of a streamed body.
    func writeBodyPart(_ buffer: ByteBuffer) {
        guard !isHead else { return }
        context.writeAndFlush(NIOAny(HTTPServerResponsePart.body(.byteBuffer(buffer))), promise: nil)
    }

    /// Ends the response, then closes the connection if the request asked for that.
    func finish() {
        let done = context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)))
        guard !keepAlive else { return }
        let channel = context.channel
        done.whenComplete { _ in channel.close(promise: nil) }
    }
}
