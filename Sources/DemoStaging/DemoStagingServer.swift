import HTTPServerHost

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
    private let server: HTTPServerHost
    private let recorder: StatsRecorder
    private let pool: DatabasePool

    /// The port the server listens on (the real one when started with port 0).
    public var port: Int { server.port }
    /// The options the server runs with.
    public let options: DemoOptions

    private init(server: HTTPServerHost, api: DemoAPI) {
        self.server = server
        self.recorder = api.stats
        self.pool = api.dashboard.pool
        self.options = api.options
    }

    /// Starts the server and returns once it accepts connections.
    /// - Parameters:
    ///   - host: address to bind; keep the default loopback address (the demo has public passwords).
    ///   - port: port to bind; 0 picks a free one (read it back from `port`).
    ///   - options: data size, pool and costs.
    public static func start(host: String = "127.0.0.1", port: Int = 0, options: DemoOptions = .init()) throws
        -> DemoStagingServer
    {
        // One loop thread (the host's): all waiting is timers, and the simulated database (not the server) must be
        // the bottleneck the demo shows.
        let stats = StatsRecorder()
        let pool = DatabasePool(size: options.poolSize)
        let api = DemoAPI(
            options: options, sessions: SessionStore(), stats: stats,
            dashboard: DashboardQuery(options: options, pool: pool, stats: stats))
        let server = try HTTPServerHost.start(host: host, port: port) { DemoHTTPHandler(api: api) }
        return DemoStagingServer(server: server, api: api)
    }

    /// A snapshot of what the server has seen so far.
    public func stats() -> DemoStats {
        recorder.snapshot(pool: pool)
    }

    /// Blocks the calling thread until the server is shut down (for `rehearse demo-server`).
    public func waitUntilClosed() {
        server.waitUntilClosed()
    }

    /// Closes the listener and all connections and stops the event-loop thread.
    /// Must not be called from the server's event loop. Calling it twice is harmless.
    public func shutdown() {
        server.shutdown()
    }
}
