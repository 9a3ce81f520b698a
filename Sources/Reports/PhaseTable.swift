import Metrics
import Verdicts

/// Per step × role, the p95 of each libcurl phase and how many requests opened a connection.
enum PhaseTable {
    static func table(_ s: RunSummary) -> TextTable {
        var table = TextTable(
            header: ["step", "role", "fresh/reused"] + Phase.allCases.map(\.rawValue) + ["total"],
            firstNumericColumn: 2)
        for r in s.steps {
            let name = r.group.map { "\($0) › \(r.step)" } ?? r.step
            let cells = Phase.allCases.map { phase -> String in
                guard let p = r.phases[phase.rawValue], p.count > 0 else { return "-" }
                return Format.latency(p.p95)
            }
            table.rows.append(
                [name, r.role, "\(r.freshConnections)/\(r.reusedConnections)"] + cells + [Format.latency(r.latency.p95)]
            )
        }
        return table
    }
}
