import Metrics
import Verdicts

/// Lines about the load generator itself: its CPU, the open models' schedule lag and dropped iterations, and —
/// when it was the bottleneck — a warning that the figures describe the generator, not the target.
enum GeneratorLines {
    static func lines(_ s: RunSummary, style: TerminalStyle) -> [String] {
        var out: [String] = []
        if s.run.stopReason == "aborted", let reason = s.run.abortReason {
            out.append(style.red("✗ aborted early: \(reason) (results up to the abort are kept)"))
        }
        guard let g = s.run.generator else { return out }
        var parts = [
            "busiest engine thread \(Int((g.busiestWorkerCPU * 100).rounded()))% CPU",
            "process \(Format.trimmed(g.processCPU, digits: 2)) cores",
        ]
        if let lag = g.scheduleLagP99Ms { parts.append("schedule lag p99 \(Format.latency(lag))") }
        if s.scenarios.contains(where: \.openModel) { parts.append("\(g.droppedIterations) dropped iterations") }
        if g.throttledRequests > 0 { parts.append("\(g.throttledRequests) requests waited for max_rate") }
        out.append(style.dim("Generator: " + parts.joined(separator: " · ")))
        if g.droppedIterations > 0 {
            out.append(
                style.red(
                    "✗ \(g.droppedIterations) iterations were dropped: every VU was busy when they were due "
                        + "(the target slowed down, or max_vus is too low for the rate)"))
        }
        for reason in g.limitedBy {
            out.append(
                style.red("⚠ generator-bound: \(reason) — the figures describe the load generator, not the target"))
        }
        return out
    }
}
