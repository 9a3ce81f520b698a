import Metrics
import Verdicts

/// Where each step's time went, phase by phase (queue, DNS, connect, TLS, first byte, transfer): a stacked bar of
/// the mean time per request in each phase — means add up where percentiles do not — and the p95s as a table.
enum RunPagePhases {
    static func html(_ c: RunPageContext, charts: inout ChartBook) -> String? {
        let steps = c.summary.steps
        guard steps.contains(where: { r in r.phases.values.contains { $0.count > 0 } }) else { return nil }
        var out = "<section id=\"phases\"><h2>Where the time went: phases</h2>"
        var table = HTMLTable(
            columns: ["step", "role", "fresh/reused"] + Phase.allCases.map { "\($0.rawValue) p95" } + ["total p95"],
            firstNumericColumn: 2)
        for r in steps {
            var cells = [
                HTMLTable.Cell(c.stepName(r)), HTMLTable.Cell(html: c.palette.chip(r.role)),
                HTMLTable.Cell("\(r.freshConnections)/\(r.reusedConnections)", sort: Double(r.freshConnections)),
            ]
            for phase in Phase.allCases {
                if let p = r.phases[phase.rawValue], p.count > 0 {
                    cells.append(.ms(p.p95))
                } else {
                    cells.append(HTMLTable.Cell("-", sort: 0))
                }
            }
            cells.append(.ms(r.latency.p95))
            table.rows.append(cells)
        }
        out += "<p class=\"note\">p95 per phase; DNS, connect and TLS over fresh connections only.</p>"
        out += table.render()
        var spec = ChartSpec(kind: .bars)
        spec.categories = steps.map { "\(c.stepName($0)) [\($0.role)]" }
        spec.series = Phase.allCases.map { phase in
            var s = ChartSeries(
                label: PhasePalette.names[phase.rawValue] ?? phase.rawValue,
                color: PhasePalette.colors[phase.rawValue] ?? "#999999")
            s.values = steps.map { r in
                let responded = r.freshConnections + r.reusedConnections
                guard let p = r.phases[phase.rawValue], responded > 0 else { return 0 }
                // DNS, connect and TLS are paid by fresh connections only: spread over every answered request.
                return (p.mean * Double(p.count) / Double(responded)).significant(4)
            }
            return s
        }
        spec.stacked = true
        spec.unit = "ms"
        spec.xTitle = "mean time per request"
        out += charts.figure(
            spec, caption: "Mean time per request, by phase",
            note: "DNS, connect and TLS are paid by requests that opened a connection; here they are spread over all"
                + " requests, so the bar adds up to the mean time of a request that got a response.",
            height: 70 + 26 * steps.count)
        return out + "</section>"
    }
}
