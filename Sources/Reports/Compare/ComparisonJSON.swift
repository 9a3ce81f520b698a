import Verdicts

/// `rehearse compare --json`: the comparison as a versioned JSON document (`rehearsal.comparison`), indented.
public struct ComparisonJSON: Reporter {
    public init() {}

    public func render(_ report: ComparisonReport) -> String {
        JSONText.encode(report)
    }
}
