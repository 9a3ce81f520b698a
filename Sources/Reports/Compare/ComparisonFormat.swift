import Verdicts

/// How the comparison reports print figures: `3.98s → 151ms`, `−96%`, `[−97%, −95%]`, `0.5% → 2%`, `+1.5pt`.
/// Negative numbers use the minus sign (−), as a reader expects in "p95 −96%".
enum ComparisonFormat {
    /// `baseline → candidate` in the metric's unit.
    static func values(_ c: MetricChange) -> String {
        "\(value(c.baseline, c.unit)) → \(value(c.candidate, c.unit))"
    }

    /// A latency in ms (`151ms`, `3.98s`) or a rate in percent (`2.5%`).
    static func value(_ v: Double, _ unit: MetricChange.Unit) -> String {
        switch unit {
        case .milliseconds: Format.latency(v)
        case .percent: Format.trimmed(v, digits: 2) + "%"
        }
    }

    /// The point estimate: `+900%`, `−96%` (latency) or `+1.5pt` (rates).
    static func change(_ c: MetricChange) -> String { signed(c.change, c.unit) }

    /// `[−97%, −95%]`; nil when there is no interval (too few samples).
    static func interval(_ c: MetricChange) -> String? {
        c.interval.map { "[\(signed($0.low, c.unit)), \(signed($0.high, c.unit))]" }
    }

    /// A signed change: `+900%`, `−4.2%`, `+1.5pt`, `0%`.
    static func signed(_ v: Double, _ unit: MetricChange.Unit) -> String {
        let text = unit == .percent ? points(abs(v)) : percent(abs(v))
        let suffix = unit == .percent ? "pt" : "%"
        if Double(text) == 0 { return "0" + suffix }
        return (v < 0 ? "−" : "+") + text + suffix
    }

    /// Whole percents from 10% on, one decimal below; between 99.5% and 100% one decimal too (capped at 99.9),
    /// so a drop of 99.8% never reads as −100%, everything gone.
    private static func percent(_ m: Double) -> String {
        if m >= 99.5 && m < 100 { return Format.trimmed(min(m, 99.9), digits: 1) }
        return Format.trimmed(m, digits: m >= 9.95 ? 0 : 1)
    }

    /// Percentage points with one decimal, two under one point.
    private static func points(_ m: Double) -> String { Format.trimmed(m, digits: m >= 0.995 ? 1 : 2) }

    /// Whether a row is worth a line: latency always; a rate only when either run had any.
    static func shown(_ c: MetricChange) -> Bool {
        c.unit == .milliseconds || c.baseline > 0 || c.candidate > 0
    }

    /// `e2e, 2026-03-04T05:06:07Z, 20s, 120 requests`.
    static func run(_ r: ComparedRun) -> String {
        "\(r.profile), \(r.startedAt), \(Format.trimmed(r.durationSeconds, digits: 1))s, \(r.requests) requests"
    }

    /// How verdicts are reached, in two lines: the latency intervals and minimal effect, then rates and samples.
    static func method(_ m: ComparisonMethod) -> [String] {
        let confidence = Format.trimmed(m.confidencePercent, digits: 1) + "%"
        return [
            "Latency: \(confidence) bootstrap interval of the change (\(m.resamples) resamples, seed \(m.seed)); "
                + "a verdict needs it all beyond ±\(Format.trimmed(m.minEffect * 100, digits: 2))%.",
            "Rates: \(confidence) Newcombe interval of the difference, in points. Under \(m.minSamples) samples on a "
                + "side: inconclusive (too few samples).",
        ]
    }

    /// `4 regressions in 2 series, 8 improvements in 2 series; 7 series compared` (a regression is one metric
    /// of one series).
    static func tally(_ r: ComparisonReport) -> String {
        func part(_ verdict: Verdict, _ word: String) -> String {
            let n = r.count(verdict)
            let series = r.series.filter { $0.changes.contains { $0.verdict == verdict } }.count
            return "\(n) \(word)\(n == 1 ? "" : "s")" + (n > 0 ? " in \(series) series" : "")
        }
        return "\(part(.regression, "regression")), \(part(.improvement, "improvement")); "
            + "\(r.series.count) series compared"
    }
}
