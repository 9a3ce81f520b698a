import Metrics
import Scenario
import Verdicts

/// "Where": per step × role the summary table, its failures, and per step a percentile plot with every role's
/// curve overlaid (the spinner limit and the step's latency thresholds drawn on it), after one plot of all requests
/// per role with the run-wide thresholds.
enum RunPageSteps {
    /// Plots beyond this many steps are left out (the slowest are kept); the table keeps every row.
    static let maxPlots = 60

    static func html(_ c: RunPageContext, charts: inout ChartBook) -> String {
        var out = "<section id=\"steps\"><h2>Steps × roles</h2>"
        guard !c.summary.steps.isEmpty else { return out + "<p class=\"note\">No request was measured.</p></section>" }
        out += table(c).render()
        out += failures(c)
        out += "<h3>Latency distributions (HdrHistogram percentile plots)</h3>"
        out += "<p class=\"note\">Read a curve left to right: the median at 50%, then ever rarer requests; the tail"
        out += " that averages and p95 hide is on the right. Each role keeps its colour.</p><div class=\"grid\">"
        out += allRequests(c, charts: &charts)
        let plots = stepPlots(c)
        let kept = Set(plots.sorted { $0.worstP95 > $1.worstP95 }.prefix(maxPlots).map(\.key))
        for plot in plots where kept.contains(plot.key) {
            var chart = PercentileChart(curves: plot.curves)
            chart.addSpinner(c.spinnerMs)
            chart.addThresholds(c.judged.thresholds, palette: c.palette) { t in
                t.filter(.step) == plot.key.step && Self.matches(t, plot.key)
            }
            let (spec, note) = chart.spec()
            out += charts.figure(spec, caption: plot.title, note: note)
        }
        out += "</div>"
        if plots.count > maxPlots {
            out += "<p class=\"note\">\(plots.count - maxPlots) more steps are in the table (plots of the"
            out += " \(maxPlots) slowest shown).</p>"
        }
        return out + "</section>"
    }

    static func table(_ c: RunPageContext) -> HTMLTable {
        var table = HTMLTable(
            columns: [
                "step", "role", "reqs", "req/s", "p50", "p90", "p95", "p99", "p99.9", "max", "failed", "timeouts",
                "over spinner",
            ], firstNumericColumn: 2)
        for r in c.summary.steps {
            let l = r.latency
            let timeouts = r.errors["timeout"] ?? 0
            table.rows.append([
                HTMLTable.Cell(c.stepName(r)), HTMLTable.Cell(html: c.palette.chip(r.role)),
                .number(String(r.requests), Double(r.requests)), .number(Format.rate(r.rate), r.rate), .ms(l.p50),
                .ms(l.p90), .ms(l.p95), .ms(l.p99), .ms(l.p999), .ms(l.max), .count(r.failed, bad: true),
                .count(timeouts, bad: true),
                r.group == nil ? .count(r.overSpinner, bad: true) : HTMLTable.Cell("in a group", sort: -1),
            ])
        }
        return table
    }

    /// Per step × role that failed: the classes and the most frequent messages (secrets already redacted).
    static func failures(_ c: RunPageContext) -> String {
        let failed = c.summary.steps.filter { $0.failed > 0 }
        guard !failed.isEmpty || c.summary.totals.requestsInterrupted > 0 else { return "" }
        var table = HTMLTable(columns: ["step", "role", "failures by class", "most frequent messages"], numeric: [])
        for r in failed {
            let classes = r.errors.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
            let messages = r.messages.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
            table.rows.append([
                HTMLTable.Cell(c.stepName(r)), HTMLTable.Cell(html: c.palette.chip(r.role)),
                HTMLTable.Cell(classes.map { "\($0.key) \($0.value)" }.joined(separator: ", "), sort: Double(r.failed)),
                HTMLTable.Cell(messages.prefix(3).map { "\($0.value)× \($0.key)" }.joined(separator: " · ")),
            ])
        }
        var out = "<h3>Failures</h3>" + table.render()
        if c.summary.totals.requestsInterrupted > 0 {
            out += "<p class=\"note\">\(c.summary.totals.requestsInterrupted) requests were cut off in flight when"
            out += " the run stopped (not measured).</p>"
        }
        return out
    }

    /// Every request per role, with the thresholds that filter on neither a step nor a group.
    static func allRequests(_ c: RunPageContext, charts: inout ChartBook) -> String {
        var byRole: [String: LatencyHistogram] = [:]
        for (key, s) in zip(c.page.run.catalog.steps, c.page.run.store.steps) {
            byRole[key.role, default: .init()].add(s.total)
        }
        var chart = PercentileChart(
            curves: c.roles.compactMap { role in
                byRole[role].map { .init(label: role, color: c.palette.color(role), histogram: $0) }
            })
        chart.addSpinner(c.spinnerMs)
        chart.addThresholds(c.judged.thresholds, palette: c.palette) { t in
            t.filter(.step) == nil && t.filter(.group) == nil
        }
        let (spec, note) = chart.spec()
        return charts.figure(spec, caption: "All requests, per role", note: note)
    }

    /// A step of a flow (in a group or not), whatever the role.
    struct StepKey: Hashable {
        var scenario: String
        var flow: String
        var group: String?
        var step: String
    }

    struct Plot {
        var key: StepKey
        var title: String
        var curves: [PercentileChart.Curve]
        var worstP95: Double
    }

    /// One plot per step, roles overlaid in the run's role order, in the run's step order.
    static func stepPlots(_ c: RunPageContext) -> [Plot] {
        var order: [StepKey] = []
        var histograms: [StepKey: [String: LatencyHistogram]] = [:]
        for (key, s) in zip(c.page.run.catalog.steps, c.page.run.store.steps) where s.requests > 0 {
            let k = StepKey(scenario: key.scenario, flow: key.flow, group: key.group, step: key.step)
            if histograms[k] == nil { order.append(k) }
            histograms[k, default: [:]][key.role, default: .init()].add(s.total)
        }
        return order.map { k -> Plot in
            let byRole = histograms[k] ?? [:]
            let curves = c.roles.compactMap { role in
                byRole[role].map { PercentileChart.Curve(label: role, color: c.palette.color(role), histogram: $0) }
            }
            let name = SummaryReport.rowName(
                k.group.map { "\($0) › \(k.step)" } ?? k.step, scenario: k.scenario, c.summary)
            let worst = curves.map { Double($0.histogram.micros(atPercentile: 95)) }.max() ?? 0
            return Plot(key: k, title: name, curves: curves, worstP95: worst)
        }
    }

    /// Whether a threshold's flow, scenario and group filters (when set) name this step's.
    static func matches(_ t: Threshold, _ k: StepKey) -> Bool {
        (t.filter(.flow) ?? k.flow) == k.flow && (t.filter(.scenario) ?? k.scenario) == k.scenario
            && (t.filter(.group) == nil || t.filter(.group) == k.group)
    }
}
