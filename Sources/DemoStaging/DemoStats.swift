import Synchronization

/// What the demo server saw: requests per path and caller role, and dashboard query outcomes.
///
/// Used by tests, and by the demo to prove a point the client cannot see: queries the client
/// abandoned still ran to completion and occupied the pool.
public struct DemoStats: Sendable, Equatable {
    /// A request path (without query) and the role of its caller.
    public struct RequestKey: Sendable, Hashable {
        /// The path without query string, e.g. `/api/dashboard/tasks`.
        public var path: String
        /// `admin`, `user`, or `anonymous` (no valid token / failed login).
        public var role: String

        public init(path: String, role: String) {
            self.path = path
            self.role = role
        }
    }

    /// Role name used for callers without a valid token (and failed logins).
    public static let anonymous = "anonymous"

    /// Requests received (counted on arrival of the full request) per path and role.
    public var requests: [RequestKey: Int] = [:]
    /// Dashboard queries started (admin and user).
    public var queriesStarted = 0
    /// Dashboard queries that ran to completion (whether or not anyone was still listening).
    public var queriesCompleted = 0
    /// Dashboard queries that finished after their client had disconnected or timed out:
    /// database work nobody waited for, which still held a pool slot.
    public var queriesAbandoned = 0
    /// RLS queries waiting for a pool slot right now.
    public var poolQueueLength = 0
    /// The longest the pool queue ever was.
    public var poolQueuePeak = 0

    public init() {}

    /// Requests received, filtered by path and/or role (nil = any).
    public func requestCount(path: String? = nil, role: String? = nil) -> Int {
        requests.reduce(0) { sum, entry in
            let pathMatches = path.map { $0 == entry.key.path } ?? true
            let roleMatches = role.map { $0 == entry.key.role } ?? true
            return pathMatches && roleMatches ? sum + entry.value : sum
        }
    }
}

/// Thread-safe accumulation of `DemoStats`.
final class StatsRecorder: Sendable {
    private let stats = Mutex(DemoStats())

    func recordRequest(path: String, role: DemoRole?) {
        let key = DemoStats.RequestKey(path: path, role: role?.rawValue ?? DemoStats.anonymous)
        stats.withLock { $0.requests[key, default: 0] += 1 }
    }

    func recordQueryStarted() {
        stats.withLock { $0.queriesStarted += 1 }
    }

    func recordQueryCompleted() {
        stats.withLock { $0.queriesCompleted += 1 }
    }

    func recordQueryAbandoned() {
        stats.withLock { $0.queriesAbandoned += 1 }
    }

    /// A snapshot, with the pool's queue figures filled in.
    func snapshot(pool: DatabasePool) -> DemoStats {
        var snapshot = stats.withLock { $0 }
        (snapshot.poolQueueLength, snapshot.poolQueuePeak) = pool.queueLength
        return snapshot
    }
}
