import Metrics
import Verdicts

/// A knee test (`knee.json`): per role the load from which a wait crossed the spinner limit and the safe load
/// before it, and per level each role's worst wait and throughput.
enum RunPageKnee {
    static func html(_ c: RunPageContext, charts: inout ChartBook) -> String? {
        guard let knee = c.page.knee else { return nil }
        let unit = knee.unit == "vus" ? "VUs" : "iterations/s"
        var out = "<section id=\"knee\"><h2>The knee: where each role starts to spin</h2>"
        var roles = HTMLTable(columns: ["role", "crossed at", "safe load", "what crossed"], numeric: 1...2)
        for r in knee.roles {
            roles.rows.append([
                HTMLTable.Cell(html: c.palette.chip(r.role)),
                r.crossedAt.map { .number(level($0, unit), $0) }
                    ?? HTMLTable.Cell("never, up to the last level", cls: "good"),
                r.safe.map { .number(level($0, unit), $0) } ?? HTMLTable.Cell("-"),
                HTMLTable.Cell(r.reason ?? "", cls: r.crossedAt == nil ? nil : "bad"),
            ])
        }
        out += roles.render()
        var levels = HTMLTable(
            columns: ["load", "role", "requests", "throughput", "errors", "worst wait p95", "crossed"],
            numeric: [0, 2, 3, 4, 5])
        for l in knee.levels {
            for r in l.roles {
                let worst = r.waits.map(\.p95Ms).max() ?? 0
                levels.rows.append([
                    .number(level(l.load, unit), l.load), HTMLTable.Cell(html: c.palette.chip(r.role)),
                    .number(String(r.requests), Double(r.requests)),
                    .number(Format.rate(r.throughput) + "/s", r.throughput),
                    .number(Format.trimmed(r.errorRatePercent, digits: 1) + "%", r.errorRatePercent), .ms(worst),
                    HTMLTable.Cell(
                        r.crossed ? "✗ yes" : "✓ no", sort: r.crossed ? 1 : 0, cls: r.crossed ? "bad" : "good"),
                ])
            }
        }
        out += levels.render()
        out += "<div class=\"grid\">"
        out += charts.figure(
            levelChart(
                knee, c, unit: unit, yTitle: "worst wait p95", value: { $0.waits.map(\.p95Ms).max() ?? 0 }, ms: true),
            caption: "Worst wait p95 per load level")
        out += charts.figure(
            levelChart(knee, c, unit: unit, yTitle: "requests/s", value: \.throughput, ms: false),
            caption: "Throughput per load level")
        return out + "</div></section>"
    }

    /// `1 VU`, `8 VUs`, `20 iterations/s`.
    static func level(_ value: Double, _ unit: String) -> String {
        let number = Format.trimmed(value, digits: 2)
        return unit == "VUs" && value == 1 ? "1 VU" : "\(number) \(unit)"
    }

    static func levelChart(
        _ knee: KneeReport, _ c: RunPageContext, unit: String, yTitle: String, value: (KneeRoleLevel) -> Double,
        ms: Bool
    ) -> ChartSpec {
        var spec = ChartSpec(kind: .xy)
        let roles = knee.roles.map(\.role)
        spec.series = roles.map { role in
            var s = ChartSeries(label: role, color: c.palette.color(role))
            s.points = knee.levels.compactMap { l in
                l.roles.first { $0.role == role }.map { [l.load, value($0).significant(4)] }
            }
            return s
        }
        if ms {
            let spinner = Double(knee.spinnerMs)
            spec.lines = [.y(spinner, "spinner \(Format.latency(spinner))", color: VerdictColor.fail)]
            spec.unit = "ms"
        } else {
            spec.unit = "/s"
        }
        spec.xTitle = "load (\(unit))"
        spec.yTitle = yTitle
        // Levels usually double: a log axis spaces them evenly, ticked at the levels themselves.
        let levels = knee.levels.map(\.load)
        spec.xTicks = levels
        spec.logX = (levels.first ?? 0) > 0 && (levels.last ?? 0) / (levels.first ?? 1) >= 4 ? true : nil
        return spec
    }
}
