import Metrics

/// The thresholds' verdicts under the terminal summary: one line each, ✓ or ✗, with what was observed.
public enum GateLines {
    /// With `run`, an aborted or generator-bound run says so instead of passing or failing.
    public static func lines(_ results: [ThresholdResult], run: RunSummary? = nil, style: TerminalStyle) -> [String] {
        guard !results.isEmpty else { return [] }
        var head = results.allPassed
            ? style.green("Thresholds: all \(results.count) passed")
            : style.red("Thresholds: \(results.failedCount) of \(results.count) failed")
        switch run.map({ GateVerdict.judge(results, run: $0) }) {
        case .aborted?: head = style.red("Thresholds: not judged — the run was aborted (as measured until then:)")
        case .inconclusive?:
            head = style.red("Thresholds: inconclusive — the load generator was the bottleneck (as measured:)")
        default: break
        }
        return [""] + [style.bold(head)] + results.map { r in
            let mark = r.passed ? style.green("✓") : style.red("✗")
            return "  \(mark) \(r.threshold.text) — \(r.detail)"
        }
    }
}
