import ArgumentParser
import Foundation
import Metrics
import Reports
import Scenario
import Verdicts

/// `rehearse knee`: a stepped load that finds, per role, the load from which its waits cross the spinner limit.
struct KneeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "knee",
        abstract: "Step the load up and find, per role, the level where a wait crosses the spinner limit.",
        discussion: """
            Closed model (--vus) or open model (--rate), levels doubling over the range (or listed). Each level \
            is held for --level; its first --warmup is not measured. A role crosses at the first level where a \
            wait (a parallel group, or a lone step) has its p95 over the profile's spinner limit, or its errors \
            pass --error-limit; the level before is its safe load. The test stops early once every role has \
            crossed; abort_when and target.max_rate hold as in `run`; thresholds are not judged. Results are a \
            normal run folder plus knee.json.

            Examples:
              rehearse knee Profiles/demo.yaml --vus 1..64
              rehearse knee Profiles/demo.yaml --vus 2,4,8,12 --level 30s --warmup 10s
              rehearse knee Profiles/demo.yaml --rate 5/s..80/s --max-vus 200
            """)

    @Argument(help: "The profile to run (its flows, roles, network, timeouts; not its load).")
    var profile: String

    @Option(help: "VU levels: a doubling range (1..64) or a list (2,4,8,12).")
    var vus: String?

    @Option(help: "Arrival-rate levels, iterations per second: a doubling range (5/s..80/s) or a list.")
    var rate: String?

    @Option(help: "How long each level lasts, warm-up included (whole seconds).")
    var level = "20s"

    @Option(help: "The start of each level that is not measured (whole seconds).")
    var warmup = "5s"

    @Option(help: "Error rate past which a level counts as crossed, e.g. 1%.")
    var errorLimit = "1%"

    @Option(name: .customLong("max-vus"), help: "Open model: the most VUs the arrivals may use.")
    var maxVUs = 200

    @Option(help: "Worker threads (default: one per core).")
    var workers: Int?

    @Option(help: "Network for every role: a preset (`rehearse network list`), inline '{rtt: 100ms}', or none.")
    var network: String?

    @OptionGroup var output: OutputOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let plan = try steppedLoad()
        let limit = try errorLimitPercent()
        var loaded = try ProfileInput.load(profile)
        guard !loaded.hasNamedScenarios else {
            throw bad(
                "knee steps the load of a profile without scenarios; this one has scenarios (use a profile "
                    + "with one load: and the flows and roles to step)")
        }
        loaded.scenarios[0].load = plan.loadShape
        loaded.thresholds = []  // a knee test finds a limit; it is not a gate
        if let out = output.out { loaded.output = out }
        if let maxRate = loaded.maxRequestRate, plan.kind == .rate, let top = plan.levels.last, top > maxRate {
            throw bad("--rate up to \(SteppedLoad.text(top))/s is over target.max_rate (\(maxRate)/s); lower the range")
        }
        // Made with the run's catalog on its first second; run and its callbacks share the calling thread.
        let finder = FinderBox()
        let spinnerMs = Int(loaded.timeouts.spinner.inMilliseconds.rounded())
        let roles = loaded.roles.map(\.name)
        var options = try RunOptions.parse([])
        options.workers = workers
        options.network = network
        options.output = output
        var session = RunSession(profile: loaded, overrides: options, global: global)
        session.onInterval = { interval, elapsed, runner in
            if finder.value == nil {
                finder.value = KneeFinder(
                    plan: plan, catalog: runner.plan.catalog, roles: roles, spinnerMs: spinnerMs,
                    errorLimitPercent: limit)
            }
            if finder.value?.take(interval, elapsed: elapsed) == true, !finder.stopped {
                finder.stopped = true
                runner.stop()
            }
        }
        session.afterRun = { saved, folder in
            let empty = KneeFinder(
                plan: plan, catalog: saved.catalog, roles: roles, spinnerMs: spinnerMs, errorLimitPercent: limit)
            let report = (finder.value ?? empty).report(stoppedEarly: finder.stopped)
            try Data((JSONText.encode(report) + "\n").utf8).write(to: folder.appendingPathComponent("knee.json"))
            Console.out("\n" + KneeText(style: TerminalStyle(color: Console.color)).render(report))
            Console.out("\nKnee: \(folder.path)/knee.json")
        }
        let status = try session.execute()
        // Requests failing past the knee are what the test looks for; only a broken run is an error.
        switch status {
        case .runError, .badInput, .aborted: throw status.exitCode
        case .interrupted where !finder.stopped: throw status.exitCode
        default: return
        }
    }

    private func steppedLoad() throws -> SteppedLoad {
        guard (vus == nil) != (rate == nil) else { throw bad("give exactly one of --vus and --rate") }
        guard let levelDuration = DurationText.parse(level) else { throw bad("--level: bad duration \"\(level)\"") }
        guard let warm = DurationText.parse(warmup) else { throw bad("--warmup: bad duration \"\(warmup)\"") }
        guard maxVUs >= 1 else { throw bad("--max-vus must be at least 1, got \(maxVUs)") }
        do throws(SteppedLoadError) {
            let kind: SteppedLoad.Kind = vus != nil ? .vus : .rate
            let levels = try SteppedLoad.levels(vus ?? rate ?? "")
            if kind == .vus, levels.contains(where: { $0 != $0.rounded() }) {
                throw SteppedLoadError("--vus levels must be whole numbers")
            }
            return try SteppedLoad(
                kind: kind, levels: levels, levelDuration: levelDuration, warmup: warm, maxVUs: maxVUs
            )
            .validated()
        } catch {
            throw bad("\(vus != nil ? "--vus" : "--rate"): \(error)")
        }
    }

    private func errorLimitPercent() throws -> Double {
        let text = errorLimit.hasSuffix("%") ? String(errorLimit.dropLast()) : errorLimit
        guard let value = Double(text), value >= 0, value <= 100 else {
            throw bad("--error-limit: expected a percentage from 0% to 100%, got \"\(errorLimit)\"")
        }
        return value
    }

    private func bad(_ message: String) -> ExitCode {
        Console.err("error: \(message)")
        return ExitStatus.badInput.exitCode
    }
}

/// The knee finder between the run's callbacks (all on the calling thread).
private final class FinderBox {
    var value: KneeFinder?
    /// Whether the finder stopped the run (every role had crossed).
    var stopped = false
}
