import Metrics
import Scenario
import Verdicts

/// The waits the user sees: each parallel group as one wait (from its start to its last response) per role, the
/// share of loads over the spinner limit, and each group's distribution with every role overlaid.
enum RunPageGroups {
    static func html(_ c: RunPageContext, charts: inout ChartBook) -> String? {
        let groups = c.summary.groups
        guard !groups.isEmpty else { return nil }
        var out = "<section id=\"groups\"><h2>Parallel groups: the waits the user sees</h2>"
        var table = HTMLTable(
            columns: ["group", "role", "loads", "p50", "p95", "p99", "max", "failed", "over spinner", "share over"],
            firstNumericColumn: 2)
        for g in groups {
            let share = g.count > 0 ? Double(g.overSpinner) / Double(g.count) * 100 : 0
            table.rows.append([
                HTMLTable.Cell(SummaryReport.rowName(g.group, scenario: g.scenario, c.summary)),
                HTMLTable.Cell(html: c.palette.chip(g.role)), .number(String(g.count), Double(g.count)),
                .ms(g.time.p50), .ms(g.time.p95), .ms(g.time.p99), .ms(g.time.max), .count(g.failed, bad: true),
                .count(g.overSpinner, bad: true),
                HTMLTable.Cell(Format.percent(g.overSpinner, of: g.count), sort: share, cls: share > 0 ? "bad" : nil),
            ])
        }
        out += table.render()
        out += "<div class=\"grid\">" + shareChart(c, charts: &charts)
        for plot in plots(c) {
            var chart = PercentileChart(curves: plot.curves)
            chart.addSpinner(c.spinnerMs)
            chart.addThresholds(c.judged.thresholds, palette: c.palette) { t in
                t.filter(.step) == nil && t.filter(.group) == plot.group && (t.filter(.flow) ?? plot.flow) == plot.flow
                    && (t.filter(.scenario) ?? plot.scenario) == plot.scenario
            }
            let (spec, note) = chart.spec()
            out += charts.figure(spec, caption: "\(plot.title) — the wait", note: note)
        }
        return out + "</div></section>"
    }

    /// The share of each group's loads over the spinner limit, per role.
    static func shareChart(_ c: RunPageContext, charts: inout ChartBook) -> String {
        var spec = ChartSpec(kind: .bars)
        let groups = c.summary.groups
        spec.categories = groups.map {
            "\(SummaryReport.rowName($0.group, scenario: $0.scenario, c.summary)) [\($0.role)]"
        }
        var series = ChartSeries(label: "loads over the spinner limit", color: VerdictColor.fail)
        series.values = groups.map { g in
            g.count > 0 ? (Double(g.overSpinner) / Double(g.count) * 100).significant(3) : 0
        }
        series.colors = groups.map { c.palette.color($0.role) }
        spec.series = [series]
        spec.unit = "%"
        spec.xTitle = "share of loads over the \(Format.latency(c.spinnerMs)) spinner limit"
        return charts.figure(
            spec, caption: "Share of loads over the spinner limit", height: 60 + 28 * groups.count)
    }

    struct Plot {
        var scenario: String
        var flow: String
        var group: String
        var title: String
        var curves: [PercentileChart.Curve]
    }

    static func plots(_ c: RunPageContext) -> [Plot] {
        var order: [String] = []
        var plots: [String: Plot] = [:]
        for (key, g) in zip(c.page.run.catalog.groups, c.page.run.store.groups) where g.count > 0 {
            let id = "\(key.scenario)|\(key.flow)|\(key.group)"
            if plots[id] == nil {
                order.append(id)
                plots[id] = Plot(
                    scenario: key.scenario, flow: key.flow, group: key.group,
                    title: SummaryReport.rowName(key.group, scenario: key.scenario, c.summary), curves: [])
            }
            if let i = plots[id]?.curves.firstIndex(where: { $0.label == key.role }) {
                plots[id]?.curves[i].histogram.add(g.time)
            } else {
                plots[id]?.curves.append(.init(label: key.role, color: c.palette.color(key.role), histogram: g.time))
            }
        }
        return order.compactMap { id in
            plots[id].map { plot in
                var sorted = plot
                sorted.curves.sort {
                    c.roles.firstIndex(of: $0.label) ?? .max < c.roles.firstIndex(of: $1.label) ?? .max
                }
                return sorted
            }
        }
    }
}
