import Scenario

/// One threshold judged against a finished run.
public struct ThresholdResult: Sendable, Equatable {
    public var threshold: Threshold
    /// The measured value in the metric's unit (ms, fraction, per second, count); `nil` when no request (or wait)
    /// matched, which fails the threshold: a gate never passes on nothing.
    public var observed: Double?
    public var passed: Bool
    /// One line for people: what was observed over what, and the limit, e.g.
    /// `p95 3.2s over 10 waits (group:home, role:user); limit < 800ms`.
    public var detail: String
    /// How many requests (or waits, for group latency and `spinner_rate`) the observation covers.
    public var samples: Int

    public init(threshold: Threshold, observed: Double?, passed: Bool, detail: String, samples: Int = 0) {
        self.threshold = threshold
        self.observed = observed
        self.passed = passed
        self.detail = detail
        self.samples = samples
    }
}

extension Array where Element == ThresholdResult {
    /// Whether every threshold passed (true when there are none).
    public var allPassed: Bool { allSatisfy(\.passed) }
    public var failedCount: Int { count { !$0.passed } }
}
