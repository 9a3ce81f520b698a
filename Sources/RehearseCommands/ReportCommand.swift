import ArgumentParser
import Foundation
import Metrics
import Reports
import Scenario
import Verdicts

/// `rehearse report`: re-renders a saved run from its histograms, without re-running the load.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Re-render the report of a saved run from Results/<run>/histograms.json.",
        discussion: """
            --spinner re-judges which waits crossed the spinner limit for another limit, from the saved \
            histograms (to their precision: a wait within 0.1% of the limit counts as at it).

            Examples:
              rehearse report Results/20261126T101500Z-demo
              rehearse report Results/20261126T101500Z-demo --json > summary.json
              rehearse report Results/20261126T101500Z-demo --spinner 3s
              rehearse report Results/20261126T101500Z-demo --slowest 3
              rehearse report Results/20261126T101500Z-demo --html
            """)

    @Argument(help: "A run folder under Results/.")
    var folder: String

    @Flag(help: "Print summary.json (rebuilt from the histograms) instead of the table.")
    var json = false

    @Flag(help: "Add the per-phase table: DNS, connect, TLS, first byte, transfer.")
    var phases = false

    @Option(help: "Re-judge the waits against this spinner limit instead of the run's own (e.g. 3s).")
    var spinner: String?

    @Option(help: "Draw the N slowest iterations of each role (and an ordinary one) as waterfalls.")
    var slowest: Int?

    @Flag(
        help:
            "(Re)write the run's page, report.html, from the saved files, and print its path (with --spinner: report-spinner-<ms>ms.html)."
    )
    var html = false

    func run() throws {
        let saved: SavedRun
        do {
            saved = try ResultsFolder.read(folder)
        } catch {
            Console.err("error: \(error)\n  hint: pass a folder written by `rehearse run` (Results/<time>-<profile>/)")
            throw ExitStatus.badInput.exitCode
        }
        let judged = try spinnerMs().map { SpinnerRejudgement.rejudge(saved, spinnerMs: $0) } ?? saved
        if html {
            try writePage(judged, recordedSpinnerMs: saved.info.spinnerMs)
            return
        }
        if let slowest {
            guard slowest >= 1 else {
                Console.err("error: --slowest must be at least 1, got \(slowest)")
                throw ExitStatus.badInput.exitCode
            }
            Console.out(
                WaterfallText(slowest: slowest, style: TerminalStyle(color: Console.color)).render(judged.fullSummary))
        } else if json {
            Console.out(SummaryJSON().render(judged.fullSummary))
        } else {
            let report = SummaryReport(
                style: TerminalStyle(color: Console.color), phases: phases, recordedSpinnerMs: saved.info.spinnerMs,
                width: Console.width)
            Console.out(report.render(judged.fullSummary))
        }
    }

    /// `report.html` in the run folder (`report-spinner-…ms.html` for another spinner limit).
    private func writePage(_ saved: SavedRun, recordedSpinnerMs: Int) throws {
        do {
            let file = try ResultsFolder.writeReport(
                saved, to: URL(fileURLWithPath: folder), recordedSpinnerMs: recordedSpinnerMs)
            Console.out("Report: \(file.path)")
        } catch {
            Console.err("error: cannot write \(folder)/report.html: \(error.localizedDescription)")
            throw ExitStatus.runError.exitCode
        }
    }

    /// `--spinner` in whole milliseconds, as the run info keeps it.
    private func spinnerMs() throws -> Int? {
        guard let spinner else { return nil }
        guard let d = DurationText.parse(spinner), d >= .milliseconds(1) else {
            Console.err("error: --spinner: bad duration \"\(spinner)\"; expected 1ms or more with a unit, e.g. 3s")
            throw ExitStatus.badInput.exitCode
        }
        return Int(d.inMilliseconds.rounded())
    }
}
