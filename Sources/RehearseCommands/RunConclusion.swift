import Foundation
import Metrics
import Reports
import Scenario
import Verdicts

/// The end of a run, or of a merge: the summary and the thresholds' verdict on stdout, the gate's files, and the
/// exit code — the same for a merged run as for any run.
struct RunConclusion {
    var thresholds: [Threshold]
    var phases: Bool
    var junit: String?
    var markdown: String?

    /// Prints the summary, the gate's lines and what the command adds (`extra`, e.g. the knee), then where the
    /// results are; returns the judged run.
    func show(_ saved: SavedRun, folder: URL) -> JudgedRun { show(saved, folder: folder, extra: {}) }

    func show(_ saved: SavedRun, folder: URL, extra: () throws -> Void) rethrows -> JudgedRun {
        let summary = saved.fullSummary
        let style = TerminalStyle(color: Console.color)
        Console.out(SummaryReport(style: style, phases: phases, width: Console.width).render(summary))
        let judged = JudgedRun(thresholds, run: saved)
        let gate = GateLines(style: style).render(judged)
        if !gate.isEmpty { Console.out(gate) }
        try extra()
        Console.out("\nResults: \(folder.path)/summary.json")
        writeReport(saved, folder: folder)
        return judged
    }

    /// `report.html` beside the results, after what the command added (a knee test's `knee.json` is in the page).
    /// A page that cannot be written is said, not fatal: the results it would show are already on disk.
    private func writeReport(_ saved: SavedRun, folder: URL) {
        do {
            let file = try ResultsFolder.writeReport(saved, to: folder)
            Console.out("Report: \(file.path)")
        } catch {
            Console.err("warning: cannot write \(folder.path)/report.html: \(error.localizedDescription)")
        }
    }

    /// `--junit` and `--markdown`, then the exit status of the verdict.
    func finish(_ judged: JudgedRun) -> ExitStatus {
        guard writeGateReports(judged) else { return .runError }
        if judged.summary.run.stopReason == "interrupted" { return .interrupted }
        // With thresholds, they decide (an error rate under its limit passes); without, any failure fails.
        // When the generator was the bottleneck, neither verdict would be about the target.
        switch judged.verdict {
        case .aborted: return .aborted
        case .inconclusive: return .inconclusive
        case .failed: return .thresholdsFailed
        case .passed: return .success
        case .noThresholds: return judged.summary.totals.failed > 0 ? .requestsFailed : .success
        }
    }

    /// `--junit` and `--markdown`; false when a file cannot be written.
    private func writeGateReports(_ judged: JudgedRun) -> Bool {
        let outputs: [(String?, any Reporter<JudgedRun>)] = [(junit, GateJUnit()), (markdown, GateMarkdown())]
        for case (let path?, let reporter) in outputs {
            do {
                try reporter.render(judged).write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                Console.err("error: cannot write \(path): \(error.localizedDescription)")
                return false
            }
        }
        return true
    }
}
