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
    var global: GlobalOptions
    var environment = ProcessInfo.processInfo.environment

    func execute() throws -> ExitStatus {
        let plan = RunPlan(
            profile: profile, workers: overrides.workers ?? ProcessInfo.processInfo.activeProcessorCount,
            environment: environment, caFile: overrides.caFile,
            network: try overrides.network.map(NetworkInput.parse))
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
            folder = try ResultsFolder.create(in: profile.output, profile: profile.name)
        } catch {
            Console.err(
                "error: output: cannot create a results folder under \(profile.output): \(error.localizedDescription)")
            return .runError
        }
        if global.verbose {
            for line in profile.validationSummary() { Console.err("  " + line) }
            Console.err("  engine: \(plan.workers) worker thread(s), \(Curl.version)")
            Console.err("  results: \(folder.path)")
        }
        let runner = LoadRunner(plan: plan)
        let trap = SignalTrap { hard in
            runner.stop(hard: hard)
            Console.err(hard ? "\ncutting requests in flight…" : "\nstopping… (Ctrl-C again to cut requests in flight)")
        }
        let progress = LiveProgress(enabled: !global.quiet)
        progress.started(profile.name)  // after the trap: a stop signal from now on is handled
        var watch = AbortWatch(conditions: profile.abortWhen, catalog: plan.catalog)
        let outcome = runner.run(
            onProgress: { progress.show($0) },
            onInterval: { interval, elapsed in
                guard let reason = watch.check(interval, elapsed: elapsed), runner.abort(reason: reason) else { return }
                Console.err("\naborting: \(reason)")
            })
        trap.release()
        progress.finish()
        return try finish(outcome, folder: folder)
    }

    private func finish(_ outcome: RunOutcome, folder: URL) throws -> ExitStatus {
        let saved = outcome.saved
        let summary = saved.summary
        do {
            try ResultsFolder.write(saved, summary: summary, to: folder)
        } catch {
            Console.err("error: cannot write results to \(folder.path): \(error.localizedDescription)")
            return .runError
        }
        let style = TerminalStyle(color: Console.color)
        let report = SummaryReport(style: style, phases: overrides.phases || global.verbose, width: Console.width)
        Console.out(report.render(summary))
        let judged = JudgedRun(profile.thresholds, run: saved)
        let gate = GateLines(style: style).render(judged)
        if !gate.isEmpty { Console.out(gate) }
        Console.out("\nResults: \(folder.path)/summary.json")
        if let setup = outcome.setupError {
            Console.err("error: the engine could not start: \(setup)")
            return .runError
        }
        guard writeGateReports(judged) else { return .runError }
        if summary.run.stopReason == "interrupted" { return .interrupted }
        // With thresholds, they decide (an error rate under its limit passes); without, any failure fails.
        // When the generator was the bottleneck, neither verdict would be about the target.
        switch judged.verdict {
        case .aborted: return .aborted
        case .inconclusive: return .inconclusive
        case .failed: return .thresholdsFailed
        case .passed: return .success
        case .noThresholds: return summary.totals.failed > 0 ? .requestsFailed : .success
        }
    }

    /// `--junit` and `--markdown`; false when a file cannot be written.
    private func writeGateReports(_ judged: JudgedRun) -> Bool {
        let outputs: [(String?, any Reporter<JudgedRun>)] = [
            (overrides.junit, GateJUnit()), (overrides.markdown, GateMarkdown()),
        ]
        for case (let path?, let reporter) in outputs {
            do {
                try reporter.render(judged).write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                Console.err("error: cannot write \(path): \(error.localizedDescription)")
                return false
            }
        }
        return true
    }

    /// A clear error when the target does not accept connections, naming the profile field.
    private func preflight(_ plan: RunPlan) -> String? {
        guard let failure = Reachability.check(url: plan.baseURL, options: plan.preflightOptions) else { return nil }
        let place = profile.target.source.map { "\($0): " } ?? ""
        let shown = plan.secrets.redact(URLText.withoutUserInfo(plan.baseURL))
        return """
            \(place)error: target.base_url: cannot reach \(shown) (\(failure.kind.rawValue): \(plan.secrets.redact(failure.message)))
              hint: is the target up and the URL right? For the demo target run: rehearse demo-server --port 8787
            """
    }
}
