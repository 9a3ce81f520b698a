import CurlURL
import Engine
import Foundation
import Metrics
import Reports
import Scenario
import Transport

/// One run from the command line: preflight, the load itself with live progress and signal handling, then
/// results on disk and the summary on stdout.
struct RunSession {
    var profile: Profile
    var overrides: RunOptions
    var global: GlobalOptions
    var environment = ProcessInfo.processInfo.environment

    func execute() throws -> ExitStatus {
        var plan = RunPlan(
            profile: profile, workers: overrides.workers ?? ProcessInfo.processInfo.activeProcessorCount,
            environment: environment, caFile: overrides.caFile)
        if let text = overrides.network {
            let conditions = try NetworkInput.parse(text)
            plan.networkByRole = plan.networkByRole.map { _ in conditions.isPassThrough ? nil : conditions }
        }
        if let problem = preflight(plan) {
            Console.err(problem)
            return .runError
        }
        let folder: URL
        do {
            folder = try ResultsFolder.create(in: profile.output, profile: profile.name)
        } catch {
            Console.err("error: output: cannot create a results folder under \(profile.output): \(error.localizedDescription)")
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
        var watch = AbortWatch(conditions: profile.abortWhen, catalog: plan.catalog)
        let outcome = runner.run(onProgress: { progress.show($0) }) { interval, elapsed in
            guard let reason = watch.check(interval, elapsed: elapsed), runner.abort(reason: reason) else { return }
            Console.err("\naborting: \(reason)")
        }
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
        Console.out(SummaryReport.render(
            summary, style: TerminalStyle(color: Console.color), phases: overrides.phases || global.verbose))
        let gate = ThresholdEvaluation.evaluate(profile.thresholds, run: saved)
        for line in GateLines.lines(gate, run: summary, style: TerminalStyle(color: Console.color)) { Console.out(line) }
        Console.out("\nResults: \(folder.path)/summary.json")
        if let setup = outcome.setupError {
            Console.err("error: the engine could not start: \(setup)")
            return .runError
        }
        guard writeGateReports(gate, summary: summary) else { return .runError }
        if summary.run.stopReason == "interrupted" { return .interrupted }
        // With thresholds, they decide (an error rate under its limit passes); without, any failure fails.
        // When the generator was the bottleneck, neither verdict would be about the target.
        switch GateVerdict.judge(gate, run: summary) {
        case .aborted: return .aborted
        case .inconclusive: return .inconclusive
        case .failed: return .thresholdsFailed
        case .passed: return .success
        case .noThresholds: return summary.totals.failed > 0 ? .requestsFailed : .success
        }
    }

    /// `--junit` and `--markdown`; false when a file cannot be written.
    private func writeGateReports(_ gate: [ThresholdResult], summary: RunSummary) -> Bool {
        let outputs = [(overrides.junit, GateReport.junit), (overrides.markdown, GateReport.markdown)]
        for case (let path?, let render) in outputs {
            do {
                try render(gate, summary).write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                Console.err("error: cannot write \(path): \(error.localizedDescription)")
                return false
            }
        }
        return true
    }

    /// A clear error when the target does not accept connections, naming the profile field.
    private func preflight(_ plan: RunPlan) -> String? {
        let t = profile.timeouts
        let options = TransferOptions(
            timeoutMilliseconds: Int(t.connect.inMilliseconds), connectTimeoutMilliseconds: Int(t.connect.inMilliseconds),
            allowHTTP2: false, verifyTLS: profile.target.verifyTLS, caFile: overrides.caFile)
        guard let failure = Reachability.check(url: plan.baseURL, options: options) else { return nil }
        let place = profile.target.source.map { "\($0): " } ?? ""
        let shown = plan.secrets.redact(URLText.withoutUserInfo(plan.baseURL))
        return """
            \(place)error: target.base_url: cannot reach \(shown) (\(failure.kind.rawValue): \(plan.secrets.redact(failure.message)))
              hint: is the target up and the URL right? For the demo target run: rehearse demo-server --port 8787
            """
    }
}
