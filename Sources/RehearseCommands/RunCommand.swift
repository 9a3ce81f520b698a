import ArgumentParser
import Engine
import Foundation
import Metrics
import Reports
import Scenario
import Transport

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
              rehearse run Profiles/smoke.yaml --iterations 1 --out /tmp/results -q
            """)

    @Argument(help: "The profile to run.")
    var profile: String

    @OptionGroup var options: RunOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let loaded = try options.apply(to: try ProfileInput.load(profile))
        let status = try RunSession(profile: loaded, overrides: options, global: global).execute()
        if status != .success { throw status.exitCode }
    }
}

/// Options of `run` and `demo`: overrides of the profile's load block, engine and output settings.
struct RunOptions: ParsableArguments {
    @Option(help: "Virtual users (overrides load.vus).")
    var vus: Int?

    @Option(help: "Run time, e.g. 30s or 2m (overrides load.duration).")
    var duration: String?

    @Option(help: "Total iterations shared by all VUs (overrides load.duration).")
    var iterations: Int?

    @Option(help: "Worker threads (default: one per core).")
    var workers: Int?

    @Option(name: .customLong("out"), help: "Folder for results (overrides the profile's output; default Results).")
    var out: String?

    @Option(help: "Extra CA certificate bundle (PEM) to trust, e.g. a staging CA.")
    var caFile: String?

    @Flag(help: "Add the per-phase table to the summary: DNS, connect, TLS, first byte, transfer.")
    var phases = false

    @Option(help: "Write the thresholds' verdicts as JUnit XML to this file (one test case per threshold).")
    var junit: String?

    @Option(help: "Write a Markdown summary suited to a pull-request comment to this file.")
    var markdown: String?

    @Option(help: "Network for every role: a preset (`rehearse network list`), inline '{rtt: 100ms}', or none.")
    var network: String?

    func apply(to profile: Profile) throws -> Profile {
        var p = profile
        if vus != nil || duration != nil || iterations != nil { p.scenarios[0].load = try overriddenLoad(p) }
        if let workers, workers < 1 { throw bad("--workers must be at least 1, got \(workers)") }
        if let out { p.output = out }
        return p
    }

    /// k6's shortcuts: `--vus` with `--duration` runs constant VUs, with `--iterations` shared iterations; `--vus`
    /// alone changes the VUs of an executor that has a fixed number. Only for a profile without `scenarios:`.
    private func overriddenLoad(_ p: Profile) throws -> LoadShape {
        guard !p.hasNamedScenarios else {
            let names = p.scenarios.map(\.name).joined(separator: ", ")
            throw bad("--vus, --duration and --iterations replace the load of a profile without scenarios; "
                + "this one has scenarios \(names): change their load: in the profile")
        }
        if let vus, vus < 1 { throw bad("--vus must be at least 1, got \(vus)") }
        if let iterations, iterations < 1 { throw bad("--iterations must be at least 1, got \(iterations)") }
        var load = p.scenarios[0].load
        let executor = load.executor
        let fixedVUs: Int? = switch executor {
        case .constantVUs(let n, _, _), .sharedIterations(let n, _, _), .perVUIterations(let n, _, _): n
        default: nil
        }
        if let duration {
            guard let d = DurationText.parse(duration), d > .zero else {
                throw bad("--duration: bad duration \"\(duration)\"; expected a number with a unit, e.g. 30s or 2m")
            }
            if case .constantArrivalRate(let rate, _, let maxVUs) = executor, vus == nil {
                load.executor = .constantArrivalRate(rate: rate, duration: d, maxVUs: maxVUs)
            } else if let count = vus ?? fixedVUs {
                let rampUp: Duration = if case .constantVUs(_, _, let r) = executor { min(r, d) } else { .zero }
                load.executor = .constantVUs(vus: count, duration: d, rampUp: rampUp)
            } else {
                throw bad("--duration alone does not apply to \(executor.name): its stages set the length; "
                    + "give --vus too to run constant VUs instead (e.g. --vus 10 --duration \(duration))")
            }
        } else if let iterations {
            // Never `max_vus` as a number of looping users: that would be far more load than the profile says.
            guard let count = vus ?? fixedVUs else {
                throw bad("--iterations alone does not apply to \(executor.name); give --vus too "
                    + "(e.g. --vus 2 --iterations \(iterations))")
            }
            load.executor = .sharedIterations(vus: min(count, iterations), iterations: iterations, maxDuration: LoadShape.defaultMaxDuration)
        } else if let vus {
            switch executor {
            case .constantVUs(_, let d, let r): load.executor = .constantVUs(vus: vus, duration: d, rampUp: r)
            case .sharedIterations(_, let n, let m): load.executor = .sharedIterations(vus: min(vus, n), iterations: n, maxDuration: m)
            case .perVUIterations(_, let n, let m): load.executor = .perVUIterations(vus: vus, iterations: n, maxDuration: m)
            default:
                throw bad("--vus does not apply to \(executor.name): its stages or max_vus set the VUs; "
                    + "add --duration to run constant VUs instead, or change load: in the profile")
            }
        }
        return load
    }

    private func bad(_ message: String) -> ExitCode {
        Console.err("error: \(message)")
        return ExitStatus.badInput.exitCode
    }
}
