import NIOCore
import NIOHTTP1
import NIOPosix

/// An HTTP/1.1 server on 127.0.0.1 with endpoints that misbehave on purpose, for transport,
/// engine and end-to-end tests.
///
/// Endpoints (any method): `/ok`, `/delay/{ms}`, `/status/{code}`, `/bytes/{n}`,
/// `/drip/{n}/{ms}`, `/close-mid-response`, `/echo`, `/json`, `/set-cookie`, `/needs-cookie`,
/// `/stall-once/{ms}`; everything else is 404. See `TestRoute` for each one's behaviour.
///
/// Start and shutdown are synchronous so a test can use the server without `async` plumbing;
/// the server runs on its own event-loop thread, never on the test's.
public final class TestServer: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let channel: Channel
    private let state: TestServerState

    /// The port the server really listens on (it binds port 0).
    public let port: Int

    /// `http://HOST:PORT`, without a trailing slash.
    public let baseURL: String

    private init(group: MultiThreadedEventLoopGroup, channel: Channel, state: TestServerState, host: String) {
        self.group = group
        self.channel = channel
        self.state = state
        self.port = channel.localAddress?.port ?? 0
        self.baseURL = "http://\(host):\(port)"
    }

    /// Starts a server on `host` and an ephemeral port, and returns once it accepts connections. With `keepTargets`
    /// it remembers every request's target (path and query) for `targets`.
    public static func start(host: String = "127.0.0.1", keepTargets: Bool = false) throws -> TestServer {
        // One loop thread is plenty: every wait is a timer, and tests run on a 2-core machine.
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let state = TestServerState(keepTargets: keepTargets)
        do {
            let channel = try bootstrap(group: group, state: state).bind(host: host, port: 0).wait()
            return TestServer(group: group, channel: channel, state: state, host: host)
        } catch {
            try? group.syncShutdownGracefully()
            throw error
        }
    }

    private static func bootstrap(group: EventLoopGroup, state: TestServerState) -> ServerBootstrap {
        ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                state.recordConnection()
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(TestServerHandler(state: state))
                }
            }
    }

    /// The number of requests received (counted when the head arrives) for exactly `path`
    /// (without query string), or for every path when `path` is nil.
    public func requestCount(path: String? = nil) -> Int {
        state.requestCount(path: path)
    }

    /// Every request target received (`/ok?a=1`), in arrival order; empty unless started with `keepTargets`.
    public var targets: [String] {
        state.targets
    }

    /// The number of TCP connections accepted so far (keep-alive tests compare it to requests).
    public var connectionCount: Int {
        state.connectionCount
    }

    /// Sets request and connection counts back to zero.
    public func resetCounts() {
        state.resetCounts()
    }

    /// Makes the next `/stall-once/{ms}` request stall again (it stalls only once otherwise).
    public func rearmStallOnce() {
        state.rearmStall()
    }

    /// Closes the listener and every open connection, and stops the event-loop thread.
    /// Must not be called from the server's own event loop. Calling it twice is harmless.
    public func shutdown() {
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
    }
}
