import Verdicts

/// What `rehearse compare --fail-on` adds under the comparison: after a blank line, either one `✓` line (no series
/// regressed past the rules) or one `✗ regression:` line per series, change and rule that did, e.g.
/// `✗ regression: home (wait) [user] p95 +900% [+850%, +950%] (12ms → 120ms) beyond p95 +10%`.
public struct ComparisonRegressions: Reporter {
    public var rules: [FailOnRule]

    public init(rules: [FailOnRule]) {
        self.rules = rules
    }

    public func render(_ report: ComparisonReport) -> String {
        let failures = lines(report)
        guard !failures.isEmpty else {
            return "\n✓ --fail-on " + rules.map { "'\($0)'" }.joined(separator: ", ") + ": no regression past it"
        }
        return "\n" + failures.map { "✗ regression: " + $0 }.joined(separator: "\n")
    }

    /// One line per series, change and rule that regressed past the rule's tolerance.
    func lines(_ report: ComparisonReport) -> [String] {
        let showFlow = report.showsFlows
        return report.failures(rules).map { f in
            "\(f.series.label(showFlow: showFlow)) \(f.change.metric) \(ComparisonFormat.change(f.change))"
                + (ComparisonFormat.interval(f.change).map { " \($0)" } ?? "")
                + " (\(ComparisonFormat.values(f.change))) beyond \(f.rule)"
        }
    }
}
