import NIOCore
import NIOPosix

/// How a proxied connection opens its upstream leg.
///
/// The proxy uses ``tcp``. Tests of the delay model swap in a connector that makes a channel on NIO's
/// `EmbeddedEventLoop`, so a whole connection (gate, both pipes, faults) runs on a clock only the test moves.
struct UpstreamConnector: Sendable {
    /// Opens a channel to `upstream` on `eventLoop` (the client leg's loop: both legs then need no locks), runs
    /// `initializer` on it before it becomes active, and returns it once connected.
    let connect:
        @Sendable (
            _ eventLoop: any EventLoop, _ upstream: SocketAddress, _ conditions: LinkConditions,
            _ initializer: @escaping @Sendable (any Channel) -> EventLoopFuture<Void>
        ) -> EventLoopFuture<any Channel>

    func connect(
        on eventLoop: any EventLoop, to upstream: SocketAddress, conditions: LinkConditions,
        initializer: @escaping @Sendable (any Channel) -> EventLoopFuture<Void>
    ) -> EventLoopFuture<any Channel> {
        connect(eventLoop, upstream, conditions, initializer)
    }

    /// A real TCP connect with `TCP_NODELAY`, reads on demand and bounded reads (see ``LatencyProxy``).
    static let tcp = UpstreamConnector { eventLoop, upstream, conditions, initializer in
        var bootstrap = ClientBootstrap(group: eventLoop)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelOption(.autoRead, value: false)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .channelOption(.maxMessagesPerRead, value: 1)  // bounded memory, see LatencyProxy
        if let rate = conditions.downBitsPerSecond {
            // Reads of at most one slice on a shaped direction, so one read never books the link for long.
            let slice = TokenBucket(bitsPerSecond: rate).sliceBytes
            bootstrap = bootstrap.channelOption(
                .recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: slice))
        }
        return bootstrap.channelInitializer(initializer).connect(to: upstream)
    }
}
