import Synchronization
import NIOCore
import NIOHTTP1
import NIOPosix

/// The embedded demo staging target: a small JSON API whose dashboard is instant for `admin`
/// and collapses for `user` under load, because of a slow row-level-security query sharing a
/// small database pool.
///
/// Endpoints: `GET /` (an HTML dashboard that calls the API from a browser), `POST /api/login`,
/// and with `Authorization: Bearer <token>`: `GET /api/me`, `GET /api/projects`,
/// `GET /api/notifications`, `GET /api/dashboard/tasks`, `GET /api/tasks/{id}`.
/// Accounts: `admin@demo.test` / `demo-admin`; `user1@demo.test` … `user20@demo.test` /
/// `demo-user`.
public final class DemoStagingServer: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let channel: Channel
    private let recorder: StatsRecorder
    private let pool: DatabasePool
    private let stopped = Atomic<Bool>(false)

    /// The port the server listens on (the real one when started with port 0).
    public let port: Int
    /// The options the server runs with.
    public let options: DemoOptions

    private init(group: MultiThreadedEventLoopGroup, channel: Channel, api: DemoAPI) {
        self.group = group
        self.channel = channel
        self.recorder = api.stats
        self.pool = api.dashboard.pool
        self.options = api.options
        self.port = channel.localAddress?.port ?? 0
    }

    /// Starts the server and returns once it accepts connections.
    /// - Parameters:
    ///   - host: address to bind; keep the default loopback address (the demo has public passwords).
    ///   - port: port to bind; 0 picks a free one (read it back from `port`).
    ///   - options: data size, pool and costs.
    public static func start(host: String = "127.0.0.1", port: Int = 0, options: DemoOptions = .init()) throws
        -> DemoStagingServer
    {
        // One loop thread: all waiting is timers, and the simulated database (not the server)
        // must be the bottleneck the demo shows.
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let stats = StatsRecorder()
        let pool = DatabasePool(size: options.poolSize)
        let api = DemoAPI(
            options: options, sessions: SessionStore(), stats: stats,
            dashboard: DashboardQuery(options: options, pool: pool, stats: stats))
        do {
            let channel = try bootstrap(group: group, api: api).bind(host: host, port: port).wait()
            return DemoStagingServer(group: group, channel: channel, api: api)
        } catch {
            try? group.syncShutdownGracefully()
            throw error
        }
    }

    private static func bootstrap(group: EventLoopGroup, api: DemoAPI) -> ServerBootstrap {
        ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(DemoHTTPHandler(api: api))
                }
            }
    }

    /// A snapshot of what the server has seen so far.
    public func stats() -> DemoStats {
        recorder.snapshot(pool: pool)
    }

    /// Blocks the calling thread until the server is shut down (for `rehearse demo-server`).
    public func waitUntilClosed() {
        try? channel.closeFuture.wait()
    }

    /// Closes the listener and all connections and stops the event-loop thread.
    /// Must not be called from the server's event loop. Calling it twice is harmless.
    public func shutdown() {
        // A second call would wait on an event loop that is already gone.
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
    }
}
