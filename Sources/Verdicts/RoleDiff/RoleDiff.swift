import Metrics

/// Judges a run's roles against each other: for every step and group that two or more roles ran, each role against
/// a base role (the fastest by p95 unless one is named) on p50/p95/p99, with the same bootstrap intervals as
/// `compare`, and for the slower ones the step and the cause of the extra time (`ExtraTimeAttribution`).
public enum RoleDiff {
    /// nil when fewer than two roles ran any series. `base` must be one of the run's roles.
    public static func judge(_ run: SavedRun, base: String? = nil, seed: UInt64 = RunComparison.defaultSeed)
        -> RoleDiffReport?
    {
        let method = ComparisonMethod(
            minEffect: RunComparison.defaultMinEffect, confidencePercent: RunComparison.confidencePercent,
            resamples: RunComparison.resamples, seed: seed, minSamples: RunComparison.minSamples)
        let byKey = Dictionary(grouping: MeasuredSeries.all(in: run)) { Key($0.name) }
        var order: [Key] = []
        for series in MeasuredSeries.all(in: run) where !order.contains(Key(series.name)) {
            order.append(Key(series.name))
        }
        let attribution = ExtraTimeAttribution(run: run)
        var findings: [RoleDiffFinding] = []
        for key in order {
            guard let series = byKey[key], series.count >= 2 else { continue }
            let chosen = base.flatMap { b in series.first { $0.name.role == b } }
            guard
                let baseSeries = chosen
                    ?? series.min(by: { $0.time.micros(atPercentile: 95) < $1.time.micros(atPercentile: 95) })
            else { continue }
            for other in series where other.name.role != baseSeries.name.role {
                findings.append(finding(key, other, against: baseSeries, method, attribution))
            }
        }
        guard !findings.isEmpty else { return nil }
        return RoleDiffReport(base: base, findings: findings.sorted(by: Self.importance))
    }

    /// Slower findings first, largest p95 difference first; groups before steps on a tie.
    static func importance(_ a: RoleDiffFinding, _ b: RoleDiffFinding) -> Bool {
        let (sa, sb) = (a.verdict == .slower, b.verdict == .slower)
        if sa != sb { return sa }
        let da = (a.percentile("p95").map { $0.ms - $0.baseMs }) ?? 0
        let db = (b.percentile("p95").map { $0.ms - $0.baseMs }) ?? 0
        if da != db { return da > db }
        return a.kind == .group && b.kind == .step
    }

    private static func finding(
        _ key: Key, _ role: MeasuredSeries, against base: MeasuredSeries, _ method: ComparisonMethod,
        _ attribution: ExtraTimeAttribution
    ) -> RoleDiffFinding {
        let compared = RunComparison.compare(base, role, method)
        let ratios = compared.latency.map { c in
            RoleRatio(
                metric: c.metric, ms: c.candidate, baseMs: c.baseline, ratio: ratio(c.candidate, c.baseline),
                low: c.interval.map { roundedRatio(1 + $0.low / 100) },
                high: c.interval.map { roundedRatio(1 + $0.high / 100) })
        }
        let p95 = compared.latency.first { $0.metric == "p95" }
        let verdict: RoleDiffFinding.Verdict =
            switch p95?.verdict ?? .tooFewSamples {
            case .regression: .slower
            case .improvement: .faster
            case .noSignificantChange: .same
            case .tooFewSamples: .tooFewSamples
            }
        return RoleDiffFinding(
            kind: key.kind == .group ? .group : .step, scenario: key.scenario, flow: key.flow, name: key.name,
            role: role.name.role, base: base.name.role, samples: role.count, baseSamples: base.count,
            percentiles: ratios, verdict: verdict,
            explainedBy: verdict == .slower ? attribution.explain(key, role: role.name.role, base: base.name.role) : nil
        )
    }

    static func ratio(_ value: Double, _ base: Double) -> Double { roundedRatio(value / max(base, 0.001)) }

    static func roundedRatio(_ r: Double) -> Double { r >= 10 ? r.rounded() : (r * 100).rounded() / 100 }

    /// A series without its role: what the roles are compared on.
    struct Key: Hashable {
        var kind: SeriesName.Kind
        var scenario: String
        var flow: String
        /// `group › step` for a step in a group, the step's or the group's name otherwise.
        var name: String
        var group: String?
        var step: String?

        init(_ n: SeriesName) {
            kind = n.kind
            scenario = n.scenario
            flow = n.flow
            group = n.group
            step = n.step
            name =
                switch n.kind {
                case .group: n.group ?? ""
                case .step: n.group.map { "\($0) › \(n.step ?? "")" } ?? (n.step ?? "")
                }
        }
    }
}

extension SavedRun {
    /// `summary.json` as Rehearsal writes it: the summary of the histograms, with the role diff judged.
    public var fullSummary: RunSummary {
        var s = summary
        s.roleDiff = RoleDiff.judge(self)
        return s
    }
}
