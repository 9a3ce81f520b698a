/// Which share of a split run a process ran: segment `index` (1-based) of `count` (`rehearse run --segment 2/8`).
public struct SegmentInfo: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// `2/8`.
    public var description: String { "\(index)/\(count)" }
}

/// A run that waited for a common instant (`--start-at`): when, and how late it really started.
public struct StartInfo: Sendable, Equatable, Codable {
    /// The instant asked for, ISO 8601 UTC.
    public var scheduled: String
    /// Seconds after it that the load started (0: on time).
    public var lateSeconds: Double
    /// Lateness beyond this is reported: the process was not ready in time, so its ramp is out of step.
    public var toleranceSeconds: Double
    /// Whether the start was later than the tolerance.
    public var late: Bool

    public static let tolerance = 1.0

    public init(scheduled: String, lateSeconds: Double, toleranceSeconds: Double) {
        self.scheduled = scheduled
        self.lateSeconds = (lateSeconds * 1000).rounded() / 1000
        self.toleranceSeconds = toleranceSeconds
        late = lateSeconds > toleranceSeconds
    }
}
