/// One interval of the run's timeline for one role: what its users did and waited in that second.
public struct RoleTimelinePoint: Sendable, Equatable, Codable {
    public var role: String
    /// Its virtual users running an iteration at the interval's end.
    public var activeVus: Int
    public var requests: Int
    public var failed: Int
    public var timeouts: Int
    /// Percentiles of this interval's requests of the role, ms (0 without requests). In a merged run: the highest
    /// of the parts' (an upper bound, as the whole run's `p95`).
    public var p50: Double
    public var p95: Double
    public var p99: Double

    public init(
        role: String, activeVus: Int, requests: Int, failed: Int, timeouts: Int, p50: Double, p95: Double, p99: Double
    ) {
        self.role = role
        self.activeVus = activeVus
        self.requests = requests
        self.failed = failed
        self.timeouts = timeouts
        self.p50 = p50
        self.p95 = p95
        self.p99 = p99
    }

    /// Two processes' points of one role and second: counts add up; percentiles cannot be merged from percentiles,
    /// so the highest stands for each.
    public func adding(_ o: RoleTimelinePoint) -> RoleTimelinePoint {
        RoleTimelinePoint(
            role: role, activeVus: activeVus + o.activeVus, requests: requests + o.requests, failed: failed + o.failed,
            timeouts: timeouts + o.timeouts, p50: max(p50, o.p50), p95: max(p95, o.p95), p99: max(p99, o.p99))
    }
}

/// A moment a scenario's load changes course, in seconds from the run's start: `ramp-up done: 16 VUs`, `→ 8 VUs`.
public struct LoadMark: Sendable, Equatable, Codable {
    public var atSeconds: Double
    public var label: String

    public init(atSeconds: Double, label: String) {
        self.atSeconds = atSeconds
        self.label = label
    }
}
