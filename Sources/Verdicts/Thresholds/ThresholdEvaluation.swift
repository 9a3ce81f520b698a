import Metrics
import Scenario

/// Judges thresholds against a finished run, from its raw histograms (`SavedRun`), so a percentile over several
/// series (`p95(group:dashboard)` across roles) is the percentile of the merged histogram, not an average.
///
/// What each metric looks at:
/// - latency (`p50` … `mean`): the user-experienced time of the matching requests — or, when the threshold has a
///   `group:` filter and no `step:`, of the matching group waits (from the group's start to its last response);
/// - `requests`, `rate`, `failed`, `error_rate`, `timeouts`, `timeout_rate`, `checks`: the matching requests
///   (`group:` selects the requests of that group); `rate` is over the run's duration; requests cut off still
///   waiting when the run ended are failures, and count as timeouts;
/// - `spinner_rate`: the matching waits — groups and lone requests; a request inside a group is not a wait.
///
/// Nothing matched (no request, or no wait) → no observation → the threshold fails, except `requests` and `rate`,
/// which are then truly 0.
public enum ThresholdEvaluation {
    public static func evaluate(_ thresholds: [Threshold], run: SavedRun) -> [ThresholdResult] {
        thresholds.map { evaluate($0, run: run) }
    }

    public static func evaluate(_ threshold: Threshold, run: SavedRun) -> ThresholdResult {
        let selection = ThresholdSelection(threshold, catalog: run.catalog, store: run.store)
        let (observed, samples, unit) = observe(threshold, selection, seconds: run.info.durationSeconds)
        let scope =
            threshold.filters.isEmpty
            ? "whole run" : threshold.filters.map { "\($0.tag.rawValue):\($0.value)" }.joined(separator: ", ")
        let limit = "limit \(threshold.op.rawValue) \(GateFormat.value(threshold.value, threshold.metric))"
        guard let observed else {
            return ThresholdResult(
                threshold: threshold, observed: nil, passed: false,
                detail: "no matching \(unit) (\(scope)): nothing to judge, so it fails; \(limit)", samples: 0)
        }
        let detail =
            "\(threshold.metric.rawValue) \(GateFormat.value(observed, threshold.metric)) over "
            + "\(samples) \(samples == 1 ? String(unit.dropLast()) : unit) (\(scope)); \(limit)"
        return ThresholdResult(
            threshold: threshold, observed: observed, passed: threshold.passes(observed), detail: detail,
            samples: samples)
    }

    /// The value of `threshold`'s metric over one interval of a run (`seconds` long), nil when nothing matched:
    /// what `abort_when` judges while the run goes on.
    public static func observe(_ threshold: Threshold, catalog: SeriesCatalog, store: MetricsStore, seconds: Double)
        -> Double?
    {
        observe(threshold, ThresholdSelection(threshold, catalog: catalog, store: store), seconds: seconds).0
    }

    /// The observed value (nil when nothing matched), how many requests or waits it covers, and which of the two.
    private static func observe(_ t: Threshold, _ s: ThresholdSelection, seconds: Double)
        -> (Double?, Int, String)
    {
        let requests = s.requests
        func share(_ part: Int) -> Double? { requests == 0 ? nil : Double(part) / Double(requests) }
        func count(_ n: Int) -> Double? { requests == 0 ? nil : Double(n) }
        switch t.metric {
        case .p50, .p90, .p95, .p99, .p999, .max, .mean:
            let waits = t.filter(.group) != nil && t.filter(.step) == nil
            let h = waits ? s.groupTimes : s.requestTimes
            return (latency(t.metric, h), h.count, waits ? "waits" : "requests")
        case .requests: return (Double(requests), requests, "requests")
        case .rate: return (Double(requests) / max(seconds, 0.001), requests, "requests")
        case .failed: return (count(s.failed), requests, "requests")
        case .errorRate: return (share(s.failed), requests, "requests")
        // A request cut off still waiting when the run ended never got its answer either: it counts as a timeout.
        case .timeouts: return (count(s.errors(.timeout) + s.errors(.cutOff)), requests, "requests")
        case .timeoutRate: return (share(s.errors(.timeout) + s.errors(.cutOff)), requests, "requests")
        case .checks: return (count(s.errors(.check)), requests, "requests")
        case .droppedIterations:
            let started = s.scenarios.reduce(0) { $0 + $1.started }
            let dropped = s.scenarios.reduce(0) { $0 + $1.dropped }
            return (Double(dropped), started + dropped, "iterations")
        case .spinnerRate:
            let waits = s.waits
            return (waits.count == 0 ? nil : Double(waits.overSpinner) / Double(waits.count), waits.count, "waits")
        }
    }

    /// ms, with µs precision; `nil` for an empty histogram.
    private static func latency(_ metric: ThresholdMetric, _ h: LatencyHistogram) -> Double? {
        guard h.count > 0 else { return nil }
        if let p = metric.percentile { return Double(h.micros(atPercentile: p)) / 1000 }
        if metric == .max { return Double(h.maxMicros) / 1000 }
        return h.meanMicros.rounded() / 1000
    }
}
