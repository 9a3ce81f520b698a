import Dispatch
import NIOCore
import NIOPosix
import Synchronization

/// An in-process userspace TCP proxy that adds round-trip latency, jitter, bandwidth limits and faults between
/// a client and one upstream `host:port`.
///
/// The engine routes libcurl to it with `CURLOPT_CONNECT_TO`, so TLS stays end to end (SNI and certificate checks
/// still use the real host name). See ``LinkConditions`` for the model and what it cannot do.
///
/// Each accepted connection gets an upstream connection opened on the same event loop; both legs have
/// `TCP_NODELAY` and read on demand (autoRead off), so backpressure reaches the real sender.
public final class LatencyProxy: Sendable {
    private let listener: any Channel
    private let context: ProxyContext
    private let stopped = Mutex(false)

    /// The port the proxy listens on (the real one when started with port 0).
    public let port: Int

    private init(listener: any Channel, context: ProxyContext) {
        self.listener = listener
        self.context = context
        self.port = listener.localAddress?.port ?? 0
    }

    /// Listens on `listenHost:listenPort` (0 = ephemeral) and forwards every accepted connection to
    /// `upstreamHost:upstreamPort` under `conditions`.
    ///
    /// The upstream name is resolved once, here. Blocks until the listener is bound, so it must not be called
    /// on one of `group`'s event loops. The proxy does not own `group`: shut the group down after ``shutdown()``.
    public static func start(
        listenHost: String = "127.0.0.1", listenPort: Int = 0, upstreamHost: String, upstreamPort: Int,
        conditions: LinkConditions, group: any EventLoopGroup
    ) throws -> LatencyProxy {
        let upstream = try SocketAddress.makeAddressResolvingHost(upstreamHost, port: upstreamPort)
        let context = ProxyContext(conditions: conditions, upstream: upstream)
        let listener = try bootstrap(group: group, context: context).bind(host: listenHost, port: listenPort).wait()
        return LatencyProxy(listener: listener, context: context)
    }

    private static func bootstrap(group: any EventLoopGroup, context: ProxyContext) -> ServerBootstrap {
        var bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.autoRead, value: false)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            // One read per `read()`: what the proxy holds stays within one read of the high-water mark.
            .childChannelOption(.maxMessagesPerRead, value: 1)
        if let rate = context.conditions.upBitsPerSecond {
            let slice = TokenBucket(bitsPerSecond: rate).sliceBytes
            bootstrap =
                bootstrap
                .childChannelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: slice))
        }
        return bootstrap.childChannelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                let connection = ProxyConnection(client: channel, context: context)
                try channel.pipeline.syncOperations.addHandler(LegHandler(connection: connection, leg: .client))
            }
        }
    }

    /// Connections accepted, bytes each way, faults applied by kind, the emulated connect time.
    public func stats() -> ProxyStats {
        context.stats.snapshot()
    }

    /// Closes the listener and every proxied connection. Idempotent and synchronous: it returns once everything
    /// is closed, or after 5 s at most; called on an event loop thread it only starts the closes (waiting there
    /// would deadlock).
    public func shutdown() {
        guard
            stopped.withLock({ done in
                defer { done = true }
                return !done
            })
        else { return }
        let context = self.context
        let closed = listener.close().flatMap { _ in
            EventLoopFuture.andAllComplete(context.channels.closeAll(), on: self.listener.eventLoop)
        }.recover { _ in
            _ = context.channels.closeAll()
        }
        guard MultiThreadedEventLoopGroup.currentEventLoop == nil else { return }
        let done = DispatchSemaphore(value: 0)
        closed.whenComplete { _ in done.signal() }
        _ = done.wait(timeout: .now() + 5)
    }
}
