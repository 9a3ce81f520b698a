import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// The HTTP/1.1 server host every server of the project runs on: the demo target, the `/metrics` endpoint of
/// `rehearse probe --serve` and the test servers.
///
/// It binds, gives every accepted connection NIO's HTTP server pipeline (with pipelining support, so a second request
/// on a kept-alive connection waits for the first response) followed by the handler `makeHandler` returns, reports
/// the bound port, and shuts down cleanly. What a server answers is its handler's business alone.
///
/// One event-loop thread per server: every wait in these servers is a timer, and a load test's generator, not its
/// target, must have the machine's cores.
public final class HTTPServerHost: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    /// Whether `shutdown()` ran: closing a channel whose event loop is gone would wait forever.
    private let stopped = Atomic<Bool>(false)

    /// The address the server was asked to bind.
    public let host: String
    /// The port the server listens on (the real one when started with port 0).
    public let port: Int

    private init(group: MultiThreadedEventLoopGroup, channel: any Channel, host: String) {
        self.group = group
        self.channel = channel
        self.host = host
        self.port = channel.localAddress?.port ?? 0
    }

    /// Binds `host:port` (0 picks a free port) and returns once the server accepts connections.
    /// - Parameters:
    ///   - backlog: the listen queue; a load test opens many connections at once.
    ///   - makeHandler: called on the server's thread for every accepted connection; returns the handler that reads
    ///     `HTTPServerRequestPart`s and writes `HTTPServerResponsePart`s.
    /// - Throws: NIO's error when the address cannot be bound (callers turn it into their own message).
    public static func start(
        host: String, port: Int, backlog: Int32 = 256,
        makeHandler: @escaping @Sendable () -> any ChannelHandler
    ) throws -> HTTPServerHost {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            let channel = try ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: backlog)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        try channel.pipeline.syncOperations.addHandler(makeHandler())
                    }
                }
                .bind(host: host, port: port).wait()
            return HTTPServerHost(group: group, channel: channel, host: host)
        } catch {
            try? group.syncShutdownGracefully()
            throw error
        }
    }

    /// Blocks the calling thread until the server is shut down.
    public func waitUntilClosed() {
        try? channel.closeFuture.wait()
    }

    /// Closes the listener and every open connection and stops the server's thread.
    /// Must not be called from the server's own thread (a handler). Calling it twice is harmless.
    public func shutdown() {
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
    }
}
