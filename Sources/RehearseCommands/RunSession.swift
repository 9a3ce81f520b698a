import CurlURL
import Engine
import Foundation
import Metrics
import Reports
import Scenario
import Transport
import Verdicts

/// One run from the command line: preflight, the load itself with live progress and signal handling, then
/// results on disk and the summary on stdout.
struct RunSession {
    var profile: Profile
    var overrides: RunOptions
    /// Segment, seed, start and live metrics (`run` only; `demo` runs whole, at once). An unparsed option group
    /// cannot be read, hence optional.
    var scale: ScaleOptions?
    var global: GlobalOptions
    var environment = ProcessInfo.processInfo.environment
    /// Told of every second's measurements as the run goes (`rehearse knee` follows its levels and may stop the run).
    var onInterval: ((MetricsStore, Double, LoadRunner) -> Void)?
    /// Writes and prints what a command adds to the results, after the summary (`rehearse knee`'s knee.json).
    var afterRun: ((SavedRun, URL) throws -> Void)?

    func execute() throws -> ExitStatus {
        let resolved = try scale?.resolve(environment: environment) ?? ScaleOptions.Resolved()
        let plan = RunPlan(
            profile: profile, workers: overrides.workers ?? ProcessInfo.processInfo.activeProcessorCount,
            environment: environment, caFile: overrides.caFile,
            network: try overrides.network.map(NetworkInput.parse), seed: resolved.seed, segment: resolved.segment,
            startAt: resolved.startAt)
        // Before anything is sent: a run past the open-file or ephemeral-port limit would fail most of its requests.
        if let refusal = ConnectionBudget(plan: plan).refusal {
            Console.err(refusal)
            return .badInput
        }
        // Every output is checked before anything is sent, so a long run never ends in "cannot write".
        if let problem = OutputPaths.firstProblem(
            files: [("--junit", overrides.junit), ("--markdown", overrides.markdown)],
            folders: [(overrides.output.out == nil ? "output" : "--out", profile.output)])
        {
            Console.err(problem)
            return .runError
        }
        if let problem = preflight(plan) {
            Console.err(problem)
            return .runError
        }
        let folder: URL
        do {
            folder = try ResultsFolder.create(in: profile.output, profile: profile.name, segment: plan.segment)
        } catch {
            Console.err(
                "error: output: cannot create a results folder under \(profile.output): \(error.localizedDescription)")
            return .runError
        }
        announce(plan, folder: folder)
        let live: LiveMetrics?
        do {
            live = try resolved.serve.map { try LiveMetrics.start(host: $0.host, port: $0.port, plan: plan) }
        } catch {
            Console.err("error: --serve: \(error)")
            return .badInput
        }
        defer { live?.shutdown() }
        if let live, !global.quiet { Console.err("metrics: http://\(live.address)/metrics") }
        let runner = LoadRunner(plan: plan)
        let trap = SignalTrap { hard in
            runner.stop(hard: hard)
            Console.err(hard ? "\ncutting requests in flight…" : "\nstopping… (Ctrl-C again to cut requests in flight)")
        }
        let progress = LiveProgress(enabled: !global.quiet)
        progress.started(profile.name)  // after the trap: a stop signal from now on is handled
        var watch = AbortWatch(conditions: profile.abortWhen, catalog: plan.catalog)
        let outcome = runner.run(
            onProgress: {
                progress.show($0)
                live?.update($0)
            },
            onInterval: { interval, elapsed in
                live?.add(interval)
                onInterval?(interval, elapsed, runner)
                guard let reason = watch.check(interval, elapsed: elapsed), runner.abort(reason: reason) else { return }
                Console.err("\naborting: \(reason)")
            })
        trap.release()
        progress.finish()
        return try finish(outcome, plan: plan, folder: folder, live: live)
    }

    /// The plan in a few lines with `-v`; a split run's share, a shared account and the start instant always.
    private func announce(_ plan: RunPlan, folder: URL) {
        if global.verbose {
            for line in profile.validationSummary() { Console.err("  " + line) }
            Console.err("  engine: \(plan.workers) worker thread(s), \(Curl.version)")
            Console.err("  results: \(folder.path)")
        }
        if !plan.segment.isWhole, !global.quiet {
            Console.err("segment \(plan.segment): \(plan.ownVUs) of \(plan.totalVUs) VUs, seed \(plan.seed)")
        }
        for role in plan.rolesSharingAccounts {
            Console.err(
                "warning: role \(role) has fewer CSV accounts than segments with its users: segment \(plan.segment) "
                    + "shares accounts with another process\n  hint: add accounts to its CSV, or run fewer segments")
        }
        if let at = plan.startAt, !global.quiet {
            Console.err("the load starts at \(LoadRunner.iso(at)) (in \(Int(at.timeIntervalSinceNow.rounded())) s)")
        }
    }

    private func finish(_ outcome: RunOutcome, plan: RunPlan, folder: URL, live: LiveMetrics?) throws -> ExitStatus {
        let saved = outcome.saved
        do {
            try ResultsFolder.write(saved, summary: saved.fullSummary, to: folder)
        } catch {
            Console.err("error: cannot write results to \(folder.path): \(error.localizedDescription)")
            return .runError
        }
        let conclusion = RunConclusion(
            thresholds: profile.thresholds, phases: overrides.phases || global.verbose, junit: overrides.junit,
            markdown: overrides.markdown)
        let judged = try conclusion.show(saved, folder: folder) { try afterRun?(saved, folder) }
        if let start = saved.info.start, start.late {
            Console.err(
                "warning: the load started \(start.lateSeconds) s after the common start \(start.scheduled) (tolerance "
                    + "\(start.toleranceSeconds) s): this process was not ready in time; its ramp is out of step")
        }
        if let setup = outcome.setupError {
            Console.err("error: the engine could not start: \(setup)")
            return .runError
        }
        if scale?.resultsStdout == true, let line = ResultsLine.encode(folder: folder, segment: plan.segment) {
            Console.out(line)
        }
        let status = conclusion.finish(judged)
        // A segment's share is not the test: its merge is judged. Errors (bad input, a run error) still count.
        let verdicts: [ExitStatus] = [.requestsFailed, .inconclusive, .aborted, .thresholdsFailed]
        return scale?.deferVerdict == true && verdicts.contains(status) ? .success : status
    }

    /// A clear error when the target does not accept connections, naming the profile field.
    private func preflight(_ plan: RunPlan) -> String? {
        guard let failure = Reachability.check(url: plan.baseURL, options: plan.preflightOptions) else { return nil }
        let place = profile.target.source.map { "\($0): " } ?? ""
        let shown = plan.secrets.mask(URLText.withoutUserInfo(plan.baseURL))
        return """
            \(place)error: target.base_url: cannot reach \(shown) (\(failure.kind.rawValue): \(plan.secrets.mask(failure.message)))
              hint: is the target up and the URL right? For the demo target run: rehearse demo-server --port 8787
            """
    }
}
