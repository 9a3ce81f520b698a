/// A report: a pure function from what a run left behind — its summary, its judged thresholds, the comparison of
/// two runs, a probe's result — to text. No file I/O, no clock, no global state: the same input renders the same
/// text at the end of the run or from `Results/` a year later; where the text goes is the caller's business.
///
/// Each reporter is a small value holding its options (colour, which tables to add), one file each. A new output
/// is one more conforming type; the HTML page, for instance, renders a saved run (summary and histograms):
///
/// ```swift
/// struct HTMLReport: Reporter {
///     func render(_ run: SavedRun) -> String { … }
/// }
/// ```
public protocol Reporter<Input>: Sendable {
    /// What the reporter renders: `RunSummary`, `SavedRun`, `JudgedRun`, `ComparisonReport` or `ProbeResult`.
    associatedtype Input

    /// The report's text.
    func render(_ input: Input) -> String
}
