import NIOCore
import NIOPosix

/// The upstream of the benchmark: echoes every byte back at once (a ping-pong server).
enum EchoServer {
    /// Up-path times: the echo's receive time minus the send time the ping carries (one clock, one process).
    static let upPath = Samples()

    static func start(group: any EventLoopGroup) throws -> any Channel {
        try ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 2048)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Echo())
                }
            }
            .bind(host: "127.0.0.1", port: 0).wait()
    }
}

private final class Echo: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        if buffer.readableBytes >= 8, let sent = buffer.getInteger(at: buffer.readerIndex, as: UInt64.self) {
            EchoServer.upPath.add(Int64(NIODeadline.now().uptimeNanoseconds) - Int64(sent))
        }
        context.write(data, promise: nil)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
