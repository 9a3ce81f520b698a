import ArgumentParser
import Engine
import Foundation

/// `rehearse`: the root command.
public struct Rehearse: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "rehearse",
        abstract: "Replay recorded user flows against staging under load and find the spinner of death first.",
        discussion: """
            Examples:
              rehearse demo                              # the embedded demo: admin passes, user times out
              rehearse run Profiles/demo.yaml            # replay a profile's flows; summary; Results/<run>/
              rehearse validate Profiles/my-profile.yaml # check a profile and its flows, send nothing
              rehearse demo-server --port 8787           # the demo staging target on its own
              rehearse report Results/<run>              # re-render a saved run's report
              rehearse probe Profiles/probe/health.yaml  # one iteration per role: healthy, degraded or failed
              rehearse run Profiles/demo.yaml --network slow-4g   # with a mobile user's round trips
              rehearse network list                      # the network presets and their sources

            Exit codes: 0 success · 1 requests failed (errors, timeouts, failed checks; without thresholds) · 2 bad input
                        3 run error (target unreachable, results not writable) · 99 thresholds failed
                        130 interrupted (results written) · `rehearse probe`: 0 healthy, 1 degraded, 2 failed, 3 unknown
            """,
        version: RehearsalVersion.current,
        subcommands: [
            RunCommand.self, ValidateCommand.self, ProbeCommand.self, DemoCommand.self, DemoServerCommand.self,
            ReportCommand.self, NetworkCommand.self, ProxyCommand.self,
        ]
    )

    public init() {}

    /// Parses the command line and runs; bad command-line input exits with code 2 like any other bad input.
    public static func runMain() {
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

/// The documented exit codes (README "Exit codes").
public enum ExitStatus: Int32 {
    case success = 0
    /// The run completed but some requests failed: errors, timeouts or failed checks.
    case requestsFailed = 1
    /// A profile, flow, CSV file or command-line argument is wrong.
    case badInput = 2
    /// The run could not be carried out: target unreachable, results not writable, libcurl set-up failed.
    case runError = 3
    /// The profile's thresholds failed (k6's code for the same, so CI scripts carry over).
    case thresholdsFailed = 99
    /// Stopped by Ctrl-C or SIGTERM; results for what was measured were written.
    case interrupted = 130

    var exitCode: ExitCode { ExitCode(rawValue) }
}
