import Metrics
import Verdicts

/// Why, from the server's side: per step × role that carried `Server-Timing`, the server's own metrics beside the
/// client's time (what is left is the network and everything else), and the slowest requests with their trace IDs.
enum RunPageServerTiming {
    static func html(_ c: RunPageContext, charts: inout ChartBook) -> String? {
        let timed = c.summary.steps.filter { $0.serverTiming?.isEmpty == false }
        let traced = c.summary.steps.filter { $0.exemplars?.slowest.isEmpty == false }
        guard !timed.isEmpty || !traced.isEmpty else { return nil }
        var out = "<section id=\"server-timing\"><h2>The server's side: Server-Timing and traces</h2>"
        if !timed.isEmpty {
            out += table(c, timed).render()
            out += "<p class=\"note\">\(HTMLText.escape(ServerTimingLines.legend))</p>"
            out += chart(c, timed, charts: &charts)
        }
        if !traced.isEmpty { out += exemplars(c, traced) }
        return out + "</section>"
    }

    static func names(_ steps: [RunSummary.StepReport]) -> [String] {
        Array(Set(steps.flatMap { ($0.serverTiming ?? [:]).keys })).sorted()
    }

    static func table(_ c: RunPageContext, _ steps: [RunSummary.StepReport]) -> HTMLTable {
        let metrics = names(steps)
        var table = HTMLTable(
            columns: ["step", "role", "client p95"] + metrics.map { "\($0) p95" } + ["network/other"],
            firstNumericColumn: 2)
        for r in steps {
            let server = r.serverTiming ?? [:]
            var cells = [
                HTMLTable.Cell(c.stepName(r)), HTMLTable.Cell(html: c.palette.chip(r.role)), .ms(r.latency.p95),
            ]
            cells += metrics.map { name in server[name].map { .ms($0.p95) } ?? HTMLTable.Cell("-", sort: 0) }
            cells.append(.ms(max(0, r.latency.p95 - server.values.reduce(0) { $0 + $1.p95 })))
            table.rows.append(cells)
        }
        return table
    }

    /// Mean time per request: each server metric (spread over every request), then what the client waited beyond.
    static func chart(_ c: RunPageContext, _ steps: [RunSummary.StepReport], charts: inout ChartBook) -> String {
        let metrics = names(steps)
        var spec = ChartSpec(kind: .bars)
        spec.categories = steps.map { "\(c.stepName($0)) [\($0.role)]" }
        let palette = ["#332288", "#88CCEE", "#117733", "#DDCC77", "#CC6677", "#AA4499", "#44AA99", "#999933"]
        var share: [[Double]] = []
        for (i, name) in metrics.enumerated() {
            var s = ChartSeries(label: name, color: palette[i % palette.count])
            let values = steps.map { r -> Double in
                guard let p = r.serverTiming?[name], r.requests > 0 else { return 0 }
                return p.mean * Double(p.count) / Double(r.requests)
            }
            share.append(values)
            s.values = values.map { $0.significant(4) }
            spec.series.append(s)
        }
        var rest = ChartSeries(label: "network/other", color: "#BBBBBB")
        rest.values = steps.indices.map { i in
            max(0, steps[i].latency.mean - share.reduce(0) { $0 + $1[i] }).significant(4)
        }
        spec.series.append(rest)
        spec.stacked = true
        spec.unit = "ms"
        spec.xTitle = "mean time per request"
        return charts.figure(
            spec, caption: "The server's metrics within the client's time (means)", height: 70 + 26 * steps.count)
    }

    /// The slowest requests of each step × role, with the trace IDs a tracing backend can open.
    static func exemplars(_ c: RunPageContext, _ steps: [RunSummary.StepReport]) -> String {
        var table = HTMLTable(
            columns: ["step", "role", "slowest", "at (s)", "status", "trace id"], numeric: 2...3)
        let slowest = steps.compactMap { r in r.exemplars?.slowest.first.map { (r, $0) } }.sorted { $0.1.ms > $1.1.ms }
        for (r, e) in slowest {
            table.rows.append([
                HTMLTable.Cell(c.stepName(r)), HTMLTable.Cell(html: c.palette.chip(r.role)), .ms(e.ms),
                .number(Format.trimmed(e.atSeconds, digits: 1), e.atSeconds),
                HTMLTable.Cell(e.error ?? String(e.status), sort: Double(e.status), cls: e.error == nil ? nil : "bad"),
                HTMLTable.Cell(html: e.traceId.map { "<code>\(HTMLText.escape($0))</code>" } ?? "-"),
            ])
        }
        var out = "<h3>The slowest request of each step × role, and its trace</h3>" + table.render()
        out += "<p class=\"note\">summary.json keeps the 5 slowest and 5 random requests of each, with their trace"
        return out + " IDs (<code>exemplars</code>).</p>"
    }
}
