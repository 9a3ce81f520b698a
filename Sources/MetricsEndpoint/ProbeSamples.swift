import Verdicts

/// What `rehearse probe` publishes about one probe, as plain values: one sample per series, before any registry
/// sees it. `ProbeMetrics` sets its gauges (and counts the run) from these.
///
/// Gauges describe the probe; `runs` is a counter that goes up by the sample's value (1 for the probe's verdict,
/// 0 for the other two, so every verdict's series exists from the first probe on and `increase()` sees the first
/// failure). A value that is not a finite number counts as not measured: it has no sample.
public enum ProbeSamples {
    public static func samples(of result: ProbeResult) -> [ProbeSample] {
        var out: [ProbeSample] = []
        func add(_ family: ProbeMetricFamily, _ labels: [ProbeSample.Label], _ value: Double) {
            guard value.isFinite else { return }
            out.append(ProbeSample(family: family, labels: labels, value: value))
        }
        let profile = ProbeSample.Label("profile", result.profile)
        for flow in result.flows {
            let base = [profile, .init("flow", flow.flow), .init("role", flow.role)]
            add(.success, base, flow.verdict == .failed ? 0 : 1)
            for verdict in ProbeVerdict.allCases {
                add(.verdict, base + [.init("verdict", verdict.rawValue)], verdict == flow.verdict ? 1 : 0)
            }
            add(.duration, base, flow.durationSeconds)
            add(.failedRequests, base, Double(flow.failedRequests))
            add(.checkFailures, base, Double(flow.checkFailures))
            for step in flow.steps {
                for (phase, seconds) in step.seconds.sorted(by: { $0.key < $1.key }) {
                    add(.stepDuration, base + [.init("step", step.step), .init("phase", phase)], seconds)
                }
            }
            for group in flow.groups {
                add(.groupDuration, base + [.init("group", group.group)], group.seconds)
            }
        }
        add(.lastRunTimestamp, [profile], result.startedAt)
        add(.lastRunDuration, [profile], result.durationSeconds)
        for verdict in ProbeVerdict.allCases {
            add(.runs, [profile, .init("verdict", verdict.rawValue)], verdict == result.verdict ? 1 : 0)
        }
        return out
    }
}

/// One series of a probe's metrics and its value: a gauge's value, or how much a counter goes up.
public struct ProbeSample: Sendable, Equatable {
    /// A label's name and value.
    public struct Label: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public var family: ProbeMetricFamily
    /// In the order they are registered, and so rendered, in.
    public var labels: [Label]
    public var value: Double

    public init(family: ProbeMetricFamily, labels: [Label], value: Double) {
        self.family = family
        self.labels = labels
        self.value = value
    }

    /// The label value of `name`, if the sample has that label.
    public func label(_ name: String) -> String? {
        labels.first { $0.name == name }?.value
    }
}
