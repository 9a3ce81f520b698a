import Metrics
import Verdicts

/// What `rehearse compare --html` renders: the comparison and both runs (their histograms are drawn overlaid), and
/// the `--fail-on` rules when given.
public struct ComparisonPage: Sendable {
    public var report: ComparisonReport
    public var baseline: SavedRun
    public var candidate: SavedRun
    public var rules: [FailOnRule]

    public init(report: ComparisonReport, baseline: SavedRun, candidate: SavedRun, rules: [FailOnRule] = []) {
        self.report = report
        self.baseline = baseline
        self.candidate = candidate
        self.rules = rules
    }
}
