import Metrics
import Verdicts

/// "Since when": the run second by second, per role — active VUs, requests per second, the p50–p99 band with the
/// p95, failures and timeouts — with the load's changes of course and the moment of a stop marked.
enum RunPageTimeline {
    static func html(_ c: RunPageContext, charts: inout ChartBook) -> String {
        var out = "<section id=\"timeline\"><h2>Over time, per role</h2>"
        let t = TimelineSampling(c.info)
        guard !t.seconds.isEmpty else {
            return out + "<p class=\"note\">The run kept no timeline (it measured nothing over time).</p></section>"
        }
        if !t.perRole {
            out += "<p class=\"note\">This run was saved before per-role timelines were kept: the lines are all roles"
            out += " together, latency is the p95 only.</p>"
        }
        if t.bucket > 1 {
            out += "<p class=\"note\">A long run: each point folds \(t.bucket) seconds (counts per second of the"
            out += " bucket; VUs and latencies the bucket's highest second).</p>"
        }
        let marks = Self.marks(c)
        out += "<div class=\"grid\">"
        out += charts.figure(
            lineChart(t, \.vus, marks: marks, c: c, unit: nil, title: "active VUs", stepped: true),
            caption: "Active virtual users")
        out += charts.figure(
            lineChart(t, \.rate, marks: marks, c: c, unit: "/s", title: "requests/s"), caption: "Requests per second")
        out += charts.figure(latency(t, marks: marks, c: c), caption: "Latency per second: p95, and the p50–p99 band")
        out += charts.figure(errors(t, marks: marks, c: c), caption: "Failed requests and timeouts per second")
        out += "</div>"
        out += table(c)
        return out + "</section>"
    }

    /// The load's changes of course (per scenario) and the moment the run was told to stop.
    static func marks(_ c: RunPageContext) -> [ReferenceLine] {
        var lines: [ReferenceLine] = []
        let named = c.summary.scenarios.count > 1
        for scenario in c.info.scenarios ?? [] {
            for mark in scenario.marks ?? [] {
                let label = named ? "\(scenario.name): \(mark.label)" : mark.label
                lines.append(.x(mark.atSeconds, label, color: VerdictColor.neutral))
            }
        }
        if let at = c.info.stopAtSeconds {
            let label =
                switch c.info.stopReason {
                case "aborted": "aborted: " + (c.info.abortReason ?? "abort_when")
                case "interrupted": "stop asked (Ctrl-C)"
                default: "stop asked"
                }
            lines.append(.x(at, label, color: VerdictColor.fail, dashed: false))
        } else if c.info.stopReason == "aborted", let last = c.info.timeline.last {
            // An older run: the abort's moment was not kept; its end stands for it.
            lines.append(.x(last.elapsed, "aborted (end of run)", color: VerdictColor.fail, dashed: false))
        }
        return lines
    }

    static func lineChart(
        _ t: TimelineSampling, _ value: KeyPath<TimelineSampling.RoleRows, [Double]>, marks: [ReferenceLine],
        c: RunPageContext, unit: String?, title: String, stepped: Bool = false
    ) -> ChartSpec {
        var spec = ChartSpec(kind: .xy)
        spec.series = t.roles.map { row in
            var s = ChartSeries(label: row.role, color: color(row.role, c))
            s.points = t.points(row[keyPath: value])
            return s
        }
        spec.lines = marks
        spec.unit = unit
        spec.xTitle = "seconds since the start"
        spec.yTitle = title
        spec.stepped = stepped ? true : nil
        return spec
    }

    static func latency(_ t: TimelineSampling, marks: [ReferenceLine], c: RunPageContext) -> ChartSpec {
        var spec = ChartSpec(kind: .xy)
        for row in t.roles {
            let color = color(row.role, c)
            if t.perRole {
                var low = ChartSeries(label: "\(row.role) p50", color: color)
                low.points = t.points(row.p50)
                low.thin = true
                var high = ChartSeries(label: "\(row.role) p50–p99", color: color)
                high.points = t.points(row.p99)
                high.thin = true
                high.fillToPrevious = true
                spec.series += [low, high]
            }
            var p95 = ChartSeries(label: "\(row.role) p95", color: color)
            p95.points = t.points(row.p95)
            spec.series.append(p95)
        }
        let top = t.roles.flatMap { $0.p99.compactMap { $0 } }.max() ?? 0
        spec.lines = marks + [.y(c.spinnerMs, "spinner \(Format.latency(c.spinnerMs))", color: VerdictColor.fail)]
        spec.yMax = top < c.spinnerMs * 1.05 ? c.spinnerMs * 1.1 : nil
        spec.unit = "ms"
        spec.xTitle = "seconds since the start"
        spec.yTitle = "latency"
        return spec
    }

    static func errors(_ t: TimelineSampling, marks: [ReferenceLine], c: RunPageContext) -> ChartSpec {
        var spec = ChartSpec(kind: .xy)
        for row in t.roles {
            let color = color(row.role, c)
            var failed = ChartSeries(label: "\(row.role) failed/s", color: color)
            failed.points = t.points(row.failed)
            var timeouts = ChartSeries(label: "\(row.role) timeouts/s", color: color)
            timeouts.points = t.points(row.timeouts)
            timeouts.dashed = true
            spec.series += [failed, timeouts]
        }
        spec.lines = marks
        spec.unit = "/s"
        spec.xTitle = "seconds since the start"
        spec.yTitle = "per second (timeouts are failures too)"
        return spec
    }

    /// A role's colour; all roles together (an older run) in grey.
    static func color(_ role: String, _ c: RunPageContext) -> String {
        role == TimelineSampling.allRoles ? VerdictColor.neutral : c.palette.color(role)
    }

    /// The same series as a table (a few dozen rows), for reading without script and for print.
    static func table(_ c: RunPageContext) -> String {
        let t = TimelineSampling(c.info, maxPoints: 40)
        var columns = ["second"]
        for row in t.roles { columns += ["\(row.role) VUs", "req/s", "p95", "failed/s"] }
        var table = HTMLTable(columns: columns, firstNumericColumn: 0)
        for (i, second) in t.seconds.enumerated() {
            var cells = [HTMLTable.Cell.number(Format.trimmed(second, digits: 1), second)]
            for row in t.roles {
                cells += [
                    .number(Format.trimmed(row.vus[i], digits: 0), row.vus[i]),
                    .number(Format.rate(row.rate[i]), row.rate[i]),
                    row.p95[i].map { .ms($0) } ?? HTMLTable.Cell("-"),
                    HTMLTable.Cell(
                        Format.trimmed(row.failed[i], digits: 1), sort: row.failed[i],
                        cls: row.failed[i] > 0 ? "bad" : nil),
                ]
            }
            table.rows.append(cells)
        }
        let every = t.bucket > 1 ? " (every \(t.bucket) s, peaks kept)" : ""
        return "<details><summary>The timeline as a table\(every)</summary>\(table.render())</details>"
    }
}
