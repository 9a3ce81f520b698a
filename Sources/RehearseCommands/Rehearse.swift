import ArgumentParser
import Engine
import Foundation
import Scenario

/// `rehearse`: the root command.
public struct Rehearse: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "rehearse",
        abstract: "Replay recorded user flows against staging under load and find the spinner of death first.",
        discussion: """
            Examples:
              rehearse demo                   # the demo: admin passes, user times out
              rehearse run Profiles/demo.yaml # replay a profile; Results/<run>/
              rehearse run Profiles/demo.yaml --network slow-4g
              rehearse validate Profiles/demo.yaml
              rehearse probe Profiles/probe/health.yaml
              rehearse compare Results/<base> Results/<new> --fail-on 'p95 +10%'
              rehearse report Results/<run>
              rehearse run gate.yaml --segment 2/8   # one eighth of the load
              rehearse merge Results/*-gate-*of8 --out Results/gate-merged
              rehearse k8s gate.yaml --instances 8 --image registry/rehearse:0.2 -o k8s/
              rehearse network list
              rehearse demo-server --port 8787
              rehearse import har dashboard.har -o flows/dashboard.yaml

            Exit codes of run and demo: 0 success; 1 requests failed (no
            thresholds set); 2 bad input (found before anything is sent); 3
            run error (an output that cannot be written is found before the
            load); 99 thresholds failed; 130 interrupted by Ctrl-C, SIGTERM or
            SIGHUP (results written); merge as run. probe: 0 healthy, 1 degraded,
            2 failed, 3 unknown. compare: 0 ok, 1 a --fail-on rule failed,
            2 bad input.
            """,
        version: RehearsalVersion.current,
        subcommands: [
            RunCommand.self, InitCommand.self, ValidateCommand.self, ProbeCommand.self, DemoCommand.self,
            DemoServerCommand.self,
            ReportCommand.self, DiffRolesCommand.self, KneeCommand.self, CompareCommand.self, MergeCommand.self,
            KubernetesCommand.self, NetworkCommand.self, ProxyCommand.self, ImportCommand.self,
        ]
    )

    public init() {}

    /// Parses the command line and runs; bad command-line input exits with code 2 like any other bad input.
    public static func runMain() {
        if let unknown = unknownCommand(in: Array(CommandLine.arguments.dropFirst())) {
            FileHandle.standardError.write(Data((unknown + "\n").utf8))
            Foundation.exit(ExitStatus.badInput.rawValue)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitStatus.badInput.rawValue)
            }
            exit(withError: error)
        }
    }
}

extension Rehearse {
    /// The error for a subcommand that does not exist (`rehearse runn`, `rehearse import hra`), with the closest
    /// one as a hint; `nil` when the words before the first option name commands or their arguments.
    static func unknownCommand(in arguments: [String]) -> String? {
        var command: any ParsableCommand.Type = Rehearse.self
        var path = ["rehearse"]
        for word in arguments {
            let subcommands = command.configuration.subcommands
            guard !word.hasPrefix("-"), !subcommands.isEmpty else { return nil }
            let names = subcommands.map { $0.configuration.commandName ?? "" } + ["help"]
            guard let next = subcommands.first(where: { $0.configuration.commandName == word }) else {
                if word == "help" { return nil }
                let hint = Suggestions.didYouMean(word, in: names) ?? "commands: " + names.joined(separator: ", ")
                let shown = word.count > 40 ? String(word.prefix(37)) + "..." : word
                return "error: \(path.joined(separator: " ")): unknown command '\(shown)'\n  hint: \(hint)"
            }
            command = next
            path.append(word)
        }
        return nil
    }
}

/// The documented exit codes (README "Exit codes").
public enum ExitStatus: Int32 {
    case success = 0
    /// The run completed but some requests failed: errors, timeouts or failed checks.
    case requestsFailed = 1
    /// A profile, flow, CSV file or command-line argument is wrong.
    case badInput = 2
    /// The run could not be carried out: target unreachable, results not writable, libcurl set-up failed.
    case runError = 3
    /// The thresholds could not be judged: the load generator was the bottleneck (schedule lag or a saturated
    /// engine thread), so the figures describe it, not the target.
    case inconclusive = 97
    /// An `abort_when` condition stopped the run early; results up to then were written.
    case aborted = 98
    /// The profile's thresholds failed (k6's code for the same, so CI scripts carry over).
    case thresholdsFailed = 99
    /// Stopped by Ctrl-C, SIGTERM or SIGHUP; results for what was measured were written.
    case interrupted = 130

    var exitCode: ExitCode { ExitCode(rawValue) }
}
