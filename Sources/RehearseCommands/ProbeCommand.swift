import ArgumentParser
import Foundation
import Scenario
import Verdicts

/// `rehearse probe`: walks each flow once per role (a scheduled staging health check), judges it healthy,
/// degraded or failed, and reports it as an exit code, a JSON line and Prometheus metrics.
struct ProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Walk each flow once per role and report healthy, degraded or failed (exit code, JSON, metrics).",
        discussion: """
            Exit codes (Nagios style, as monitoring systems expect): 0 healthy · 1 degraded · 2 failed ·
            3 bad input or the probe could not run. With --every, 0 when stopped by SIGTERM/SIGINT.
            stdout: one JSON line per probe; stderr: one human line. The evidence
            (failing requests and responses, secrets redacted) of a failed probe is saved under Results/<time>-<profile>-probe/.

            Examples:
              rehearse probe Profiles/probe/health.yaml
              rehearse probe Profiles/probe/health.yaml --every 5m --serve 127.0.0.1:9464
              rehearse probe Profiles/probe/health.yaml --textfile /var/lib/node_exporter/textfile_collector/rehearsal.prom
            """)

    @Argument(help: "The profile to probe (its `probe:` block sets latency limits).")
    var profile: String

    @Option(help: "Iterations per role in one probe (the slowest is judged).")
    var `repeat` = 1

    @Option(help: "Probe again every DURATION (e.g. 5m) until SIGTERM; probes never overlap.")
    var every: String?

    @Option(help: "Random extra wait added to each --every interval, up to DURATION (default: a tenth of it).")
    var jitter: String?

    @Option(help: "Serve Prometheus metrics on HOST:PORT at /metrics (e.g. 127.0.0.1:9464).")
    var serve: String?

    @Option(help: "Write Prometheus metrics to this file after each probe, atomically (node_exporter textfile).")
    var textfile: String?

    @OptionGroup var output: OutputOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let settings = try ProbeSchedule.Settings(command: self)
        let loaded = try ProbeInput.load(profile)
        let code = try ProbeSchedule(settings: settings, profile: loaded, global: global).run()
        if code != 0 { throw ExitCode(code) }
    }
}

/// Loads a profile for `probe`, whose bad-input exit code is 3 (Nagios UNKNOWN), not 2.
enum ProbeInput {
    static func load(_ path: String) throws -> Profile {
        do {
            return try ProfileLoader(environment: ProcessInfo.processInfo.environment).load(path: path)
        } catch {
            Console.err(error.description)
            throw ExitCode(ProbeExit.unknown)
        }
    }
}

/// `rehearse probe` exit codes.
enum ProbeExit {
    static let unknown: Int32 = 3

    static func code(for verdict: ProbeVerdict) -> Int32 {
        switch verdict {
        case .healthy: 0
        case .degraded: 1
        case .failed: 2
        }
    }
}
