import Metrics

/// Compares two saved runs series by series: steps matched by (flow, step, role), group waits by
/// (flow, group, role). Latency percentiles get a bootstrap interval of their change; error and timeout rates an
/// interval of their difference. Deterministic: the same runs and seed give the same report.
public enum RunComparison {
    /// Bootstrap resamples per percentile and side.
    public static let resamples = 2_000
    public static let confidencePercent = 95.0
    /// Fewer samples than this on either side: `too few samples`.
    public static let minSamples = 20
    /// A change smaller than 5% is not worth a verdict (`--min-effect`).
    public static let defaultMinEffect = 0.05
    public static let defaultSeed: UInt64 = 1
    /// The latency percentiles compared.
    public static let percentiles: [(name: String, value: Double)] = [("p50", 50), ("p95", 95), ("p99", 99)]

    /// - Parameters:
    ///   - minEffect: the smallest relative latency change that counts (0.05 is 5%).
    ///   - seed: seeds the bootstrap; each series and metric derives its own stream from it.
    public static func compare(
        baseline: SavedRun, candidate: SavedRun, minEffect: Double, seed: UInt64
    ) -> ComparisonReport {
        let method = ComparisonMethod(
            minEffect: minEffect, confidencePercent: confidencePercent, resamples: resamples, seed: seed,
            minSamples: minSamples)
        let base = MeasuredSeries.all(in: baseline)
        let cand = MeasuredSeries.all(in: candidate)
        let candByName = Dictionary(uniqueKeysWithValues: cand.map { ($0.name, $0) })
        let baseNames = Set(base.map(\.name))
        let series = base.compactMap { b in candByName[b.name].map { compare(b, $0, method) } }
        return ComparisonReport(
            baseline: label(baseline), candidate: label(candidate), method: method, series: series,
            onlyInBaseline: base.map(\.name).filter { candByName[$0] == nil },
            onlyInCandidate: cand.map(\.name).filter { !baseNames.contains($0) })
    }

    private static func label(_ run: SavedRun) -> ComparedRun {
        ComparedRun(
            profile: run.info.profile, startedAt: run.info.startedAt, durationSeconds: run.info.durationSeconds,
            requests: run.store.requests)
    }

    static func compare(_ b: MeasuredSeries, _ c: MeasuredSeries, _ method: ComparisonMethod) -> SeriesComparison {
        let enough = b.count >= method.minSamples && c.count >= method.minSamples
        let boot = enough ? (PercentileBootstrap(b.time), PercentileBootstrap(c.time)) : nil
        let latency = percentiles.map { p in
            LatencyComparison.change(
                p.name, percentile: p.value, b.time, c.time, bootstrap: boot, method: method,
                streamName: "\(b.name.kind)|\(b.name.flow)|\(b.name.group ?? "")|\(b.name.step ?? "")|\(b.name.role)")
        }
        let errors = RateComparison.change(
            "error_rate", baseline: (b.failed, b.count), candidate: (c.failed, c.count), method: method)
        var timeouts: MetricChange?
        if let bt = b.timeouts, let ct = c.timeouts {
            timeouts = RateComparison.change(
                "timeout_rate", baseline: (bt, b.count), candidate: (ct, c.count), method: method)
        }
        return SeriesComparison(
            name: b.name, baselineCount: b.count, candidateCount: c.count, latency: latency, errorRate: errors,
            timeoutRate: timeouts)
    }
}

/// One series of one run, with duplicates of a name (same step under two methods) merged.
struct MeasuredSeries {
    var name: SeriesName
    /// User-experienced time (steps) or wait time (groups).
    var time = LatencyHistogram()
    var count = 0
    /// Failed requests (steps) or waits with a failure (groups).
    var failed = 0
    /// Timed-out requests and requests cut off still waiting at the run's end; nil for groups.
    var timeouts: Int?

    /// Every series with at least one sample: steps in catalog order, then groups.
    static func all(in run: SavedRun) -> [MeasuredSeries] {
        var order: [SeriesName] = []
        var byName: [SeriesName: MeasuredSeries] = [:]
        func merge(_ name: SeriesName, _ update: (inout MeasuredSeries) -> Void) {
            if byName[name] == nil { order.append(name) }
            update(&byName[name, default: MeasuredSeries(name: name)])
        }
        for (key, s) in zip(run.catalog.steps, run.store.steps) where s.requests > 0 {
            let name = SeriesName(
                kind: .step, scenario: key.scenario, flow: key.flow, step: key.step, group: key.group, role: key.role)
            merge(name) { m in
                m.time.add(s.total)
                m.count += s.requests
                m.failed += s.failed
                m.timeouts = (m.timeouts ?? 0) + s.unanswered
            }
        }
        for (key, g) in zip(run.catalog.groups, run.store.groups) where g.count > 0 {
            let name = SeriesName(
                kind: .group, scenario: key.scenario, flow: key.flow, step: nil, group: key.group, role: key.role)
            merge(name) { m in
                m.time.add(g.time)
                m.count += g.count
                m.failed += g.failed
            }
        }
        return order.compactMap { byName[$0] }
    }
}
