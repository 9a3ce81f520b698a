import Metrics

/// What the release gate says about a run, from its thresholds and how the run went. An aborted run and a run
/// the generator could not drive are never reported as a pass or a fail of the target.
public enum GateVerdict: Sendable, Equatable {
    /// The profile sets no thresholds.
    case noThresholds
    case passed
    case failed(count: Int)
    /// The load generator was the bottleneck: the figures describe it, not the target, so nothing is judged.
    case inconclusive(reasons: [String])
    /// An `abort_when` condition stopped the run.
    case aborted(reason: String)

    public static func judge(_ results: [ThresholdResult], run: RunSummary) -> GateVerdict {
        if run.run.stopReason == "aborted" { return .aborted(reason: run.run.abortReason ?? "abort_when") }
        guard !results.isEmpty else { return .noThresholds }
        if let generator = run.run.generator, generator.isBound { return .inconclusive(reasons: generator.limitedBy) }
        let failed = results.failedCount
        return failed == 0 ? .passed : .failed(count: failed)
    }
}
