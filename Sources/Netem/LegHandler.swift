import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which leg of a proxied connection a channel is.
enum Leg {
    /// The accepted socket, facing the client.
    case client
    /// The socket to the upstream.
    case server
}

/// The inbound end of one leg: hands reads, ends and closes to the pipe that leg feeds.
final class LegHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let connection: ProxyConnection
    private let leg: Leg
    /// The peer reset the connection: the close is propagated as an RST too.
    private var sawReset = false

    init(connection: ProxyConnection, leg: Leg) {
        self.connection = connection
        self.leg = leg
    }

    /// The pipe this leg is the source of.
    private var pipe: DelayPipe {
        leg == .client ? connection.up : connection.down
    }

    func channelActive(context: ChannelHandlerContext) {
        connection.legActive(leg, channel: context.channel)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        pipe.receive(unwrapInboundIn(data))
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        // autoRead is off: the pipe decides when to read again (backpressure).
        pipe.requestRead()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            pipe.sourceEnded(halfClose: true, reset: false)
            if leg == .client { connection.clientInputEnded() }
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? IOError, error.errnoCode == ECONNRESET { sawReset = true }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        pipe.sourceEnded(halfClose: false, reset: sawReset)
        connection.legInactive(leg, channel: context.channel)
        context.fireChannelInactive()
    }
}
