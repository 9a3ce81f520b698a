import Metrics
import Verdicts

/// The per-scenario table: what each executor did and each scenario's latency two ways — from the schedule
/// (open model, corrected for coordinated omission) and as service time — so a stall a closed model hides shows
/// next to the open model that reveals it, as in wrk2's README.
enum ScenarioTable {
    /// Shown when the run has an open model or several scenarios; a lone closed-model default adds nothing.
    static func isWorthShowing(_ s: RunSummary) -> Bool {
        s.scenarios.count > 1 || s.scenarios.contains(where: \.openModel)
    }

    static func table(_ s: RunSummary) -> TextTable {
        var table = TextTable(
            header: [
                "scenario", "model", "iterations", "dropped", "latency p50", "p99", "max", "service p50", "p99",
                "max", "lag p99",
            ],
            firstNumericColumn: 2)
        for r in s.scenarios {
            table.rows.append([
                r.name, r.openModel ? "open (\(r.executor))" : "closed (\(r.executor))", String(r.iterationsStarted),
                r.openModel ? Format.count(r.droppedIterations) : "",
                Format.latency(r.latency.p50), Format.latency(r.latency.p99), Format.latency(r.latency.max),
                Format.latency(r.serviceTime.p50), Format.latency(r.serviceTime.p99), Format.latency(r.serviceTime.max),
                r.scheduleLag.map { Format.latency($0.p99) } ?? "",
            ])
        }
        return table
    }

    /// What the two latency columns mean.
    static let legend = [
        "latency: open model — from each iteration's scheduled start (corrected for coordinated omission);",
        "         closed model — from when the VU issued the request (a stall only delays the few requests in flight:",
        "         the requests the VUs would have sent meanwhile are never sent, so percentiles hide it).",
        "service: from when the request was handed to libcurl to its response, without any wait before it.",
    ]
}
