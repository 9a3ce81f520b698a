/// What `rehearse probe` judges beyond the flows' checks: latency limits per step or group, as synthetic
/// monitors do. Past `degraded` the probe is degraded; past `failed` it has failed.
public struct ProbeSettings: Sendable, Equatable, Codable {
    /// Limits by step or group name (as named in the flows).
    public var limits: [String: LatencyLimit]
    /// The limit of every step and group not named in `limits`.
    public var defaultLimit: LatencyLimit?

    public init(limits: [String: LatencyLimit] = [:], defaultLimit: LatencyLimit? = nil) {
        self.limits = limits
        self.defaultLimit = defaultLimit
    }

    /// The limit that applies to a step or group.
    public func limit(for name: String) -> LatencyLimit? { limits[name] ?? defaultLimit }
}

/// A two-level latency limit; either level may be absent.
public struct LatencyLimit: Sendable, Equatable, Codable {
    public var degraded: Duration?
    public var failed: Duration?

    public init(degraded: Duration? = nil, failed: Duration? = nil) {
        self.degraded = degraded
        self.failed = failed
    }
}
