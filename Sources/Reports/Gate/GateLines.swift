/// The thresholds' verdicts under the terminal summary: one line each, ✓ or ✗, with what was observed.
public enum GateLines {
    public static func lines(_ results: [ThresholdResult], style: TerminalStyle) -> [String] {
        guard !results.isEmpty else { return [] }
        let head = results.allPassed
            ? style.green("Thresholds: all \(results.count) passed")
            : style.red("Thresholds: \(results.failedCount) of \(results.count) failed")
        return [""] + [style.bold(head)] + results.map { r in
            let mark = r.passed ? style.green("✓") : style.red("✗")
            return "  \(mark) \(r.threshold.text) — \(r.detail)"
        }
    }
}
