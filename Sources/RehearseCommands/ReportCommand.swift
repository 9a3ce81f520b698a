import ArgumentParser
import Foundation
import Metrics
import Reports

/// `rehearse report`: re-renders a saved run from its histograms, without re-running the load.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Re-render the report of a saved run from Results/<run>/histograms.json.",
        discussion: """
            Examples:
              rehearse report Results/20261126T101500Z-demo
              rehearse report Results/20261126T101500Z-demo --json > summary.json
            """)

    @Argument(help: "A run folder under Results/.")
    var folder: String

    @Flag(help: "Print summary.json (rebuilt from the histograms) instead of the table.")
    var json = false

    @Flag(help: "Add the per-phase table: DNS, connect, TLS, first byte, transfer.")
    var phases = false

    func run() throws {
        let saved: SavedRun
        do {
            saved = try ResultsFolder.read(folder)
        } catch {
            Console.err("error: \(folder)/histograms.json: cannot read a saved run: \(error)\n  hint: pass a folder written by `rehearse run`")
            throw ExitStatus.badInput.exitCode
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            Console.out(String(decoding: try encoder.encode(saved.summary), as: UTF8.self))
        } else {
            Console.out(SummaryReport.render(saved.summary, style: TerminalStyle(color: Console.color), phases: phases))
        }
    }
}
