import ArgumentParser
import Engine
import Foundation
import Metrics
import Scenario
import Verdicts

/// One probe: one virtual user per role, each walking every flow `repeatCount` times, keeping evidence.
struct ProbeRun {
    var profile: Profile
    var repeatCount: Int
    var caFile: String?
    var out: String?

    /// The profile as a probe runs it: one VU per role, no ramp-up, iterations per VU.
    var probeProfile: Profile {
        var p = profile
        p.roles = p.roles.map {
            var r = $0
            r.weight = 1
            return r
        }
        var load = LoadShape.perVU(vus: p.roles.count, iterations: repeatCount)
        load.gracefulStop = p.timeouts.request + .seconds(1)
        p.scenarios = [
            LoadScenario(name: LoadScenario.defaultName, flows: p.flows, roleWeights: p.roles.map(\.weight), load: load)
        ]
        return p
    }

    /// Runs the probe; nil when a stop signal cut it short.
    func run(stop: StopFlag) throws -> ProbeResult? {
        var plan = RunPlan(
            profile: probeProfile, workers: 1, environment: ProcessInfo.processInfo.environment, caFile: caFile)
        plan.keepEvidence = true
        plan.skipThinkTime = true
        let runner = LoadRunner(plan: plan)
        let started = Date()
        let watcher = Thread {
            while !stop.isRaised, !runner.isFinished { Thread.sleep(forTimeInterval: 0.05) }
            if stop.isRaised { runner.stop(hard: true) }
        }
        watcher.start()
        let outcome = runner.run()
        guard !stop.isRaised else { return nil }
        if let setup = outcome.setupError {
            Console.err("error: the probe could not run: \(setup)")
            throw ExitCode(ProbeExit.unknown)
        }
        let summary = outcome.saved.fullSummary
        var result = ProbeEvaluation.evaluate(
            summary, flows: profile.flows.map(\.name), settings: profile.probe,
            startedAt: started.timeIntervalSince1970)
        result.slowestTrace =
            outcome.store.steps.compactMap { $0.exemplars.slowest.first { $0.trace != nil } }
            .max { $0.micros < $1.micros }?.trace
        if result.verdict == .failed { saveEvidence(outcome, summary: summary) }
        return result
    }

    /// Failed: the run's results and the failing requests go to `Results/<time>-<profile>-probe/`.
    private func saveEvidence(_ outcome: RunOutcome, summary: RunSummary) {
        do {
            let folder = try ResultsFolder.create(in: out ?? profile.output, profile: profile.name + "-probe")
            try ResultsFolder.write(outcome.saved, summary: summary, to: folder)
            try ResultsFolder.writeEvidence(outcome.store.evidence, to: folder)
            Console.err("evidence: \(folder.path)")
        } catch {
            Console.err("error: cannot save the probe's evidence: \(error.localizedDescription)")
        }
    }
}
