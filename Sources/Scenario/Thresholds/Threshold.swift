/// A pass/fail condition on the whole run, evaluated when it ends (`thresholds:` in a profile), e.g.
/// `p95(group:dashboard, role:user) < 800ms`. See ``ThresholdParser`` for the language.
public struct Threshold: Sendable, Equatable, Codable {
    /// The threshold as written in the profile (trimmed), used as its name in reports and JUnit.
    public var text: String
    public var metric: ThresholdMetric
    /// Which requests (or waits) it looks at; empty = the whole run. At most one filter per tag.
    public var filters: [ThresholdFilter]
    public var op: ThresholdOperator
    /// The limit in the metric's unit (``ThresholdMetric/Kind``): ms for latency, a fraction (0.01 = 1%) for
    /// rates, requests per second for `rate`, a whole number for counts.
    public var value: Double
    public var source: SourceLocation?

    public init(
        text: String, metric: ThresholdMetric, filters: [ThresholdFilter] = [], op: ThresholdOperator,
        value: Double, source: SourceLocation? = nil
    ) {
        self.text = text
        self.metric = metric
        self.filters = filters
        self.op = op
        self.value = value
        self.source = source
    }

    /// The value of the filter on `tag`, if the threshold has one.
    public func filter(_ tag: ThresholdTag) -> String? {
        filters.first { $0.tag == tag }?.value
    }

    /// Whether an observed value passes: `observed op value`.
    public func passes(_ observed: Double) -> Bool { op.holds(observed, value) }
}

/// `tag:value` inside a threshold's parentheses: only requests (or waits) of that step, group, role or flow count.
public struct ThresholdFilter: Sendable, Equatable, Codable {
    public var tag: ThresholdTag
    public var value: String

    public init(_ tag: ThresholdTag, _ value: String) {
        self.tag = tag
        self.value = value
    }
}

/// What a threshold filter can select on.
public enum ThresholdTag: String, Sendable, Equatable, Codable, CaseIterable {
    case step, group, role, flow, scenario
}
