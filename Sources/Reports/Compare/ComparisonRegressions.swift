import Verdicts

/// What `rehearse compare --fail-on` adds under the comparison: after a blank line, either one `✓` line (no series
/// regressed past the rules) or one line per series, change and rule past it, e.g.
/// `✗ regression: home (wait) [user] p95 +900% [+850%, +950%] (12ms → 120ms) beyond p95 +10%`, or
/// `✗ inconclusive: login [user] p95 +31256% (2ms → 600ms) beyond p95 +10%, 10 samples (20 needed to tell)`.
/// With `allowFewSamples` an inconclusive line starts with `!` and does not fail the gate.
public struct ComparisonRegressions: Reporter {
    public var rules: [FailOnRule]
    public var allowFewSamples: Bool

    public init(rules: [FailOnRule], allowFewSamples: Bool = false) {
        self.rules = rules
        self.allowFewSamples = allowFewSamples
    }

    public func render(_ report: ComparisonReport) -> String {
        let failures = lines(report)
        guard !failures.isEmpty else {
            return "\n✓ --fail-on " + rules.map { "'\($0)'" }.joined(separator: ", ") + ": no regression past it"
        }
        let marks = report.failures(rules).map {
            $0.inconclusive ? (allowFewSamples ? "! inconclusive: " : "✗ inconclusive: ") : "✗ regression: "
        }
        var out = "\n" + zip(marks, failures).map { $0 + $1 }.joined(separator: "\n")
        if report.failures(rules).contains(where: \.inconclusive) {
            out +=
                allowFewSamples
                ? "\n  (inconclusive changes pass: --allow-few-samples)"
                : "\n  hint: too few samples cannot tell a regression from noise; run longer, or pass "
                    + "--allow-few-samples to let inconclusive changes pass"
        }
        return out
    }

    /// One line per series, change and rule past the rule's tolerance (without its mark).
    func lines(_ report: ComparisonReport) -> [String] {
        let showFlow = report.showsFlows
        let needed = report.method.minSamples
        return report.failures(rules).map { f in
            "\(f.series.label(showFlow: showFlow)) \(f.change.metric) \(ComparisonFormat.change(f.change))"
                + (ComparisonFormat.interval(f.change).map { " \($0)" } ?? "")
                + " (\(ComparisonFormat.values(f.change))) beyond \(f.rule)"
                + (f.inconclusive ? ", \(f.samples) samples (\(needed) needed to tell)" : "")
        }
    }
}
