import HTTPServerHost

/// An HTTP/1.1 server on 127.0.0.1 with endpoints that misbehave on purpose, for transport,
/// engine and end-to-end tests.
///
/// Endpoints (any method): `/ok`, `/delay/{ms}`, `/status/{code}`, `/bytes/{n}`,
/// `/drip/{n}/{ms}`, `/close-mid-response`, `/echo`, `/json`, `/set-cookie`, `/needs-cookie`,
/// `/stall-once/{ms}`, `/token`; everything else is 404. See `TestRoute` for each one's behaviour.
///
/// Start and shutdown are synchronous so a test can use the server without `async` plumbing;
/// the server runs on its own event-loop thread (an ``HTTPServerHost``), never on the test's.
public final class TestServer: Sendable {
    private let server: HTTPServerHost
    private let state: TestServerState

    /// The port the server really listens on (it binds port 0).
    public var port: Int { server.port }

    /// `http://HOST:PORT`, without a trailing slash.
    public var baseURL: String { "http://\(server.host):\(server.port)" }

    private init(server: HTTPServerHost, state: TestServerState) {
        self.server = server
        self.state = state
    }

    /// Starts a server on `host` and an ephemeral port, and returns once it accepts connections. With `keepTargets`
    /// it remembers every request's target (path and query) for `targets`.
    public static func start(host: String = "127.0.0.1", keepTargets: Bool = false) throws -> TestServer {
        let state = TestServerState(keepTargets: keepTargets)
        let server = try HTTPServerHost.start(host: host, port: 0) {
            state.recordConnection()
            return TestServerHandler(state: state)
        }
        return TestServer(server: server, state: state)
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

    /// The most `/knee/…` requests the server was answering at once: how parallel the client really was.
    public var peakConcurrency: Int { state.kneePeak }

    /// Every `traceparent` header the server received, in order.
    public var traceParents: [String] { state.traceParents }

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
        server.shutdown()
    }
}

extension TestServer {
    /// What `/token` answers: credentials a secrets test must never find in any output. Each holds `marker`, so one
    /// search finds any of them, whole or in part.
    public enum Credentials {
        public static let marker = "LEAKCHECK"
        public static let token = "tok_LEAKCHECK_7f3a9c21"
        public static let refreshToken = "rt_LEAKCHECK_0b8d6e4f"
        /// JWT-shaped: a header, a payload and a signature in base64url.
        public static let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJMRUFLQ0hFQ0sifQ.LEAKCHECK-sig_4Jd9sQ2mZ7"
        public static let header = "hdr_LEAKCHECK_55aa"
        public static let cookie = "sess_LEAKCHECK_91c7"
        /// The JSON body: the credentials at credential-named keys, and an ordinary field.
        public static let document =
            #"{"token":"\#(token)","refresh_token":"\#(refreshToken)","jwt":"\#(jwt)","user":{"name":"ada"}}"#
    }
}
