import ArgumentParser
import Foundation
import Metrics
import Reports
import Scenario
import Verdicts

/// `rehearse diff-roles`: on a saved run, each role against a base role per step and group, with intervals, and
/// where the extra time went.
struct DiffRolesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff-roles",
        abstract: "Compare the roles of a saved run: which step makes one role slower, and why.",
        discussion: """
            Each role is compared with a base role (default: the fastest of each step or group) on p50, p95 and \
            p99, with 95% bootstrap intervals as in `compare`. For the slower ones it names the step that explains \
            most of the difference and whether the extra time is server time or queueing (Server-Timing), the \
            client's queue for a connection, or the transfer.

            Examples:
              rehearse diff-roles Results/20261126T101500Z-demo
              rehearse diff-roles Results/20261126T101500Z-demo --base admin
              rehearse diff-roles Results/20261126T101500Z-demo --json
            """)

    @Argument(help: "A run folder under Results/.")
    var folder: String

    @Option(help: "The role every other role is compared with (default: the fastest per step and group).")
    var base: String?

    @Option(help: "Show at most this many slower findings.")
    var top = 10

    @Flag(help: "Print the role diff as JSON (as in summary.json's role_diff).")
    var json = false

    func run() throws {
        let saved: SavedRun
        do {
            saved = try ResultsFolder.read(folder)
        } catch {
            Console.err("error: \(folder)/histograms.json: cannot read a saved run: \(error)")
            throw ExitStatus.badInput.exitCode
        }
        let roles = saved.info.roles
        if let base, !roles.contains(base) {
            let hint = Suggestions.closest(to: base, in: roles).map { " — did you mean \($0)?" } ?? ""
            Console.err(
                "error: --base: no role \"\(base)\" in this run (roles: \(roles.joined(separator: ", ")))\(hint)")
            throw ExitStatus.badInput.exitCode
        }
        var summary = saved.summary
        summary.roleDiff = RoleDiff.judge(saved, base: base)
        guard summary.roleDiff != nil else {
            Console.err("error: \(folder): nothing to compare: fewer than two roles ran the same step or group")
            throw ExitStatus.badInput.exitCode
        }
        if json {
            Console.out(JSONText.encode(summary.roleDiff))
        } else {
            Console.out(RoleDiffText(style: TerminalStyle(color: Console.color), limit: top).render(summary))
        }
    }
}
