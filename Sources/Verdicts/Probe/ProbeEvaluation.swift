import Metrics
import Scenario

/// Judges a probe run: each flow × role is failed when a request failed (errors, timeouts, failed checks) or a
/// wait passed its `failed` limit; degraded when a wait passed its `degraded` limit; else healthy.
/// With `--repeat N` the slowest of the N iterations is what is judged and reported.
public enum ProbeEvaluation {
    public static func evaluate(
        _ summary: RunSummary, flows: [String], settings: ProbeSettings?, startedAt: Double
    ) -> ProbeResult {
        let results = summary.run.roles.flatMap { role in
            flows.map { flow in evaluate(summary, flow: flow, role: role, settings: settings) }
        }
        return ProbeResult(
            profile: summary.run.profile, startedAt: startedAt, durationSeconds: summary.run.durationSeconds,
            verdict: results.map(\.verdict).max() ?? .failed, flows: results)
    }

    static func evaluate(_ s: RunSummary, flow: String, role: String, settings: ProbeSettings?)
        -> ProbeResult.FlowResult
    {
        let steps = s.steps.filter { $0.flow == flow && $0.role == role }
        let groups = s.groups.filter { $0.flow == flow && $0.role == role }
        var verdict = ProbeVerdict.healthy
        var reasons: [String] = []
        if steps.isEmpty {
            verdict = .failed
            reasons.append("not reached: an earlier flow failed or the probe was cut short")
        }
        for step in steps where step.failed > 0 {
            verdict = .failed
            let message =
                step.messages.max { $0.value < $1.value }?.key ?? step.errors.keys.sorted().joined(separator: ", ")
            reasons.append("\(step.step): \(message)")
        }
        let waits = steps.map { ($0.step, $0.latency.max) } + groups.map { ($0.group, $0.time.max) }
        for (name, ms) in waits {
            guard let limit = settings?.limit(for: name), let level = LimitCheck.level(ms: ms, limit: limit) else {
                continue
            }
            verdict = max(verdict, level.verdict)
            reasons.append("\(name): \(Format.latency(ms)) > \(level.limit.shortText) (\(level.verdict.rawValue))")
        }
        let lone = steps.filter { $0.group == nil }.reduce(0.0) { $0 + $1.latency.max }
        return ProbeResult.FlowResult(
            flow: flow, role: role, verdict: verdict,
            durationSeconds: seconds(lone + groups.reduce(0.0) { $0 + $1.time.max }),
            failedRequests: steps.reduce(0) { $0 + $1.failed },
            checkFailures: steps.reduce(0) { $0 + ($1.errors["check"] ?? 0) }, reasons: reasons,
            steps: steps.map(timing), groups: groups.map { .init(group: $0.group, seconds: seconds($0.time.max)) })
    }

    private static func timing(_ r: RunSummary.StepReport) -> ProbeResult.StepTiming {
        var values = ["total": seconds(r.latency.max)]
        for (phase, p) in r.phases where p.count > 0 { values[phase] = seconds(p.max) }
        return .init(step: r.step, group: r.group, seconds: values)
    }

    /// Milliseconds (µs precision) to seconds in one correctly rounded division, so JSON shows `0.001901`.
    static func seconds(_ ms: Double) -> Double { (ms * 1000).rounded() / 1e6 }
}

/// Which level of a latency limit a wait crossed, if any.
enum LimitCheck {
    static func level(ms: Double, limit: LatencyLimit) -> (verdict: ProbeVerdict, limit: Duration)? {
        if let failed = limit.failed, ms > failed.inMilliseconds { return (.failed, failed) }
        if let degraded = limit.degraded, ms > degraded.inMilliseconds { return (.degraded, degraded) }
        return nil
    }
}
