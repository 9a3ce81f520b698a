import Metrics
import Scenario

/// A finished run with its thresholds judged: what the gate's reports (the terminal lines, JUnit, Markdown) render.
public struct JudgedRun: Sendable, Equatable {
    public let summary: RunSummary
    /// One result per threshold of the profile, in its order.
    public let thresholds: [ThresholdResult]
    /// What the gate says, from the results and how the run went (an aborted run is neither passed nor failed).
    public let verdict: GateVerdict

    public init(summary: RunSummary, thresholds: [ThresholdResult]) {
        self.summary = summary
        self.thresholds = thresholds
        verdict = GateVerdict.judge(thresholds, run: summary)
    }

    /// Judges `thresholds` against a saved run's histograms.
    public init(_ thresholds: [Threshold], run: SavedRun) {
        self.init(summary: run.summary, thresholds: ThresholdEvaluation.evaluate(thresholds, run: run))
    }
}
