import Metrics

/// `summary.json`: the documented, versioned summary of a run (README "summary.json"), indented. What `rehearse run`
/// writes and `rehearse report --json` prints.
public struct SummaryJSON: Reporter {
    public init() {}

    public func render(_ summary: RunSummary) -> String {
        JSONText.encode(summary)
    }
}
