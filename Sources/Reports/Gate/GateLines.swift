import Metrics
import Verdicts

/// The thresholds' verdicts under the terminal summary: a blank line, a heading, then one line each, ✓ or ✗, with
/// what was observed. An aborted or generator-bound run says so instead of passing or failing. Empty without
/// thresholds.
public struct GateLines: Reporter {
    public var style: TerminalStyle

    public init(style: TerminalStyle = .plain) {
        self.style = style
    }

    public func render(_ run: JudgedRun) -> String {
        lines(run).joined(separator: "\n")
    }

    func lines(_ run: JudgedRun) -> [String] {
        let results = run.thresholds
        guard !results.isEmpty else { return [] }
        var head =
            results.allPassed
            ? style.green("Thresholds: all \(results.count) passed")
            : style.red("Thresholds: \(results.failedCount) of \(results.count) failed")
        switch run.verdict {
        case .aborted: head = style.red("Thresholds: not judged — the run was aborted (as measured until then:)")
        case .inconclusive:
            head = style.red("Thresholds: inconclusive — the load generator was the bottleneck (as measured:)")
        default: break
        }
        return [""] + [style.bold(head)]
            + results.map { r in
                let mark = r.passed ? style.green("✓") : style.red("✗")
                return "  \(mark) \(r.threshold.text) — \(r.detail)"
            }
    }
}
