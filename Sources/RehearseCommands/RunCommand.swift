import ArgumentParser
import Scenario

/// `rehearse run`: replays a profile's flows with its virtual users and reports what they experienced.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Replay a profile's flows under load; live progress, a summary, and Results/<run>/.",
        discussion: """
            Ctrl-C stops gracefully (iterations in flight finish, up to load.graceful_stop); a second Ctrl-C cuts
            requests in flight. Results are written either way.

            Examples:
              rehearse run Profiles/demo.yaml
              rehearse run Profiles/demo.yaml --vus 50 --duration 2m --workers 2
              rehearse run Profiles/release-gate.yaml --out /tmp/results -q
              rehearse run gate.yaml --segment 2/4 --start-at 2026-11-26T10:15:00Z --seed 42
              rehearse run gate.yaml --serve 0.0.0.0:9464
            """)

    @Argument(help: "The profile to run.")
    var profile: String

    @OptionGroup var options: RunOptions
    @OptionGroup(title: "Running on several machines") var scale: ScaleOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let loaded = try options.apply(to: try ProfileInput.load(profile))
        let status = try RunSession(profile: loaded, overrides: options, scale: scale, global: global).execute()
        if status != .success { throw status.exitCode }
    }
}

/// Options of `run` and `demo`: overrides of the profile's load block, engine and output settings.
struct RunOptions: ParsableArguments {
    // Numbers are read even when they start with "-", so `--vus -3` says what is wrong with -3 (not "missing value").
    @Option(parsing: .unconditional, help: "Virtual users (overrides load.vus).")
    var vus: Int?

    @Option(parsing: .unconditional, help: "Run time, e.g. 30s or 2m (overrides load.duration).")
    var duration: String?

    @Option(parsing: .unconditional, help: "Total iterations shared by all VUs (overrides load.duration).")
    var iterations: Int?

    @Option(parsing: .unconditional, help: "Worker threads (default: one per core).")
    var workers: Int?

    @OptionGroup var output: OutputOptions

    /// `--ca-file`, for the engine and the preflight check.
    var caFile: String? { output.caFile }

    @Flag(help: "Add the per-phase table to the summary: DNS, connect, TLS, first byte, transfer.")
    var phases = false

    @Option(help: "Write the thresholds' verdicts as JUnit XML to this file (one test case per threshold).")
    var junit: String?

    @Option(help: "Write a Markdown summary suited to a pull-request comment to this file.")
    var markdown: String?

    @Option(help: "Network for every role: a preset (`rehearse network list`), inline '{rtt: 100ms}', or none.")
    var network: String?

    /// The profile with the command line's load (k6's rules, `LoadOverride`) and output folder.
    func apply(to profile: Profile) throws -> Profile {
        var p: Profile
        do {
            p = try LoadOverride(vus: vus, duration: duration, iterations: iterations).apply(to: profile)
        } catch {
            throw bad(error.description)
        }
        if let workers, !(1...InputLimits.maxWorkers).contains(workers) {
            throw bad("--workers must be from 1 to \(InputLimits.maxWorkers), got \(workers)")
        }
        if let out = output.out { p.output = out }
        return p
    }

    private func bad(_ message: String) -> ExitCode {
        Console.err("error: \(message)")
        return ExitStatus.badInput.exitCode
    }
}
