import Scenario

/// Values of thresholds in their metric's unit, as verdicts and the gate reports print them: `800ms`, `1.5%`,
/// `12.3/s`, `4`.
public enum GateFormat {
    public static func value(_ v: Double, _ metric: ThresholdMetric) -> String {
        switch metric.kind {
        case .latency: Format.latency(v)
        case .fraction: Format.trimmed(v * 100, digits: 2) + "%"
        case .perSecond: Format.rate(v) + "/s"
        case .count: v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : Format.trimmed(v, digits: 2)
        }
    }

    /// The observed value of a result, or `no data` when nothing matched.
    public static func observed(_ r: ThresholdResult) -> String {
        r.observed.map { value($0, r.threshold.metric) } ?? "no data"
    }

}
