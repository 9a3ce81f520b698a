import Metrics
import Verdicts

/// "Where the server spent it": per step × role with `Server-Timing`, the client's p95 next to the p95 of each
/// server metric, and what is left for the network and everything else.
enum ServerTimingLines {
    /// One line per step × role the server timed, slowest first; empty when no response carried the header.
    static func lines(_ s: RunSummary) -> [String] {
        let timed = s.steps.filter { $0.serverTiming?.isEmpty == false }
        let shown = timed.sorted { $0.latency.p95 > $1.latency.p95 }.prefix(maxLines)
        var out = shown.map { line($0, in: s) }
        if timed.count > shown.count { out.append("… \(timed.count - shown.count) more in summary.json") }
        return out
    }

    /// The slowest few: one screen, not a wall.
    static let maxLines = 5

    /// `user · dashboard › tasks · p95 7.3s = db 6.9s + pool 0.2s + network/other 0.2s` (metrics at 0 left out).
    static func line(_ r: RunSummary.StepReport, in s: RunSummary) -> String {
        let metrics = (r.serverTiming ?? [:]).filter { $0.value.p95 > 0 }.sorted { $0.value.p95 > $1.value.p95 }
        let server = metrics.map { "\($0.key) \(Format.latency($0.value.p95))" }
        let rest = max(0, r.latency.p95 - metrics.reduce(0) { $0 + $1.value.p95 })
        let name = SummaryReport.rowName(r.group.map { "\($0) › \(r.step)" } ?? r.step, scenario: r.scenario, s)
        var text = "\(r.role) · \(name) · p95 \(Format.latency(r.latency.p95)) = "
        text += (server + ["network/other \(Format.latency(rest))"]).joined(separator: " + ")
        if let dropped = r.serverTimingDropped { text += " (\(dropped) metrics past 16 names not kept)" }
        return text
    }

    /// What the numbers mean (p95s do not add up exactly).
    static let legend =
        "Each figure is its own p95 (Server-Timing); network/other is what the client waited beyond the server's."
}

/// "slowest user tasks: 7.48s, trace 4bf92f35…": the trace IDs a backend's tracing can open.
enum SlowestTraceLines {
    /// For every wait that crossed the spinner limit, its slowest step's slowest request and trace.
    static func lines(_ s: RunSummary, slowWaits: [(name: String, role: String)]) -> [String] {
        slowWaits.compactMap { wait in
            let steps = s.steps.filter { $0.role == wait.role && ($0.group == wait.name || $0.step == wait.name) }
            guard let slowest = steps.max(by: { $0.latency.p95 < $1.latency.p95 }),
                let e = slowest.exemplars?.slowest.first, let trace = e.traceId
            else { return nil }
            return "  slowest \(wait.role) \(slowest.step): \(Format.latency(e.ms)), trace \(trace)"
        }
    }
}
