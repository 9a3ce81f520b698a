import Metrics
import Verdicts

/// Each role against the base role (the fastest, or a named one) per step and wait: the p95 ratio with its 95%
/// interval as a forest plot, and where the extra time went.
enum RunPageRoleDiff {
    static func html(_ c: RunPageContext, charts: inout ChartBook) -> String? {
        guard let diff = c.summary.roleDiff, !diff.findings.isEmpty else { return nil }
        let against = diff.base.map { "against \($0)" } ?? "against the fastest role"
        var out = "<section id=\"role-diff\"><h2>Role diff (each role \(HTMLText.escape(against)))</h2>"
        var table = HTMLTable(
            columns: ["wait or step", "role", "vs", "p95", "base p95", "ratio", "95% interval", "verdict", "why"],
            numeric: 3...6)
        let rows = diff.findings.filter { $0.percentile("p95") != nil }
        for f in rows {
            let p = f.percentile("p95")!
            let interval = p.low.flatMap { low in p.high.map { "\(RoleDiffText.times(low))–\(RoleDiffText.times($0))" }
            }
            table.rows.append([
                HTMLTable.Cell(f.kind == .group ? "\(f.name) (wait)" : f.name),
                HTMLTable.Cell(html: c.palette.chip(f.role)), HTMLTable.Cell(html: c.palette.chip(f.base)),
                .ms(p.ms), .ms(p.baseMs), .number(RoleDiffText.times(p.ratio), p.ratio),
                HTMLTable.Cell(interval ?? "-", sort: p.low),
                HTMLTable.Cell(f.verdict.rawValue.replacingOccurrences(of: "_", with: " "), cls: cls(f.verdict)),
                HTMLTable.Cell(f.explainedBy.map(RoleDiffText.explanation) ?? ""),
            ])
        }
        out += table.render()
        out += forest(c, rows, charts: &charts)
        return out + "</section>"
    }

    static func cls(_ v: RoleDiffFinding.Verdict) -> String? {
        switch v {
        case .slower: "bad"
        case .faster: "good"
        case .tooFewSamples: "warn"
        case .same: nil
        }
    }

    static func color(_ v: RoleDiffFinding.Verdict) -> String {
        switch v {
        case .slower: VerdictColor.fail
        case .faster: VerdictColor.pass
        case .tooFewSamples: VerdictColor.warn
        case .same: VerdictColor.neutral
        }
    }

    /// p95 ratios with their intervals on a log scale, 1× marked: an interval clear of 1× is a difference.
    static func forest(_ c: RunPageContext, _ rows: [RoleDiffFinding], charts: inout ChartBook) -> String {
        var spec = ChartSpec(kind: .forest)
        spec.categories = rows.map { "\($0.kind == .group ? "\($0.name) (wait)" : $0.name) [\($0.role) vs \($0.base)]" }
        var interval = ChartSeries(label: "95% interval", color: VerdictColor.neutral)
        interval.ranges = rows.map { f in
            let p = f.percentile("p95")!
            return [(p.low ?? p.ratio).significant(4), (p.high ?? p.ratio).significant(4)]
        }
        interval.colors = rows.map { color($0.verdict) }
        var estimate = ChartSeries(label: "p95 ratio", color: "#333333")
        estimate.values = rows.map { $0.percentile("p95")!.ratio.significant(4) }
        estimate.colors = interval.colors
        spec.series = [interval, estimate]
        spec.lines = [.x(1, "same as base", color: VerdictColor.neutral)]
        spec.logX = true
        spec.unit = "×"
        spec.xTitle = "p95 of the role ÷ p95 of the base (log scale)"
        return charts.figure(
            spec, caption: "p95 ratio to the base role, with 95% intervals", height: 70 + 26 * rows.count)
    }
}
