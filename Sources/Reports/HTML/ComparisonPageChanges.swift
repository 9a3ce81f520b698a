import Verdicts

/// Every change of a comparison: as forest plots (each estimate with its interval, the ±min-effect band around no
/// change, coloured by verdict) and as a sortable table.
enum ComparisonPageChanges {
    static func html(_ r: ComparisonReport, palette: RolePalette, charts: inout ChartBook) -> String {
        var out =
            "<section id=\"changes\"><h2>Changes, with their \(Format.trimmed(r.method.confidencePercent, digits: 1))% intervals</h2>"
        guard !r.series.isEmpty else {
            return out + "<p class=\"note\">No step or group appears in both runs: nothing to compare.</p></section>"
        }
        out += table(r, palette: palette).render()
        let showFlow = r.showsFlows
        let latency = r.series.flatMap { s in s.latency.map { (s, $0) } }
        let effect = r.method.minEffect * 100
        out += charts.figure(
            forest(latency, showFlow: showFlow, band: effect, unit: "Δ%", title: "change of the percentile, %"),
            caption: "Latency: relative change (candidate vs baseline)",
            note: "The shaded band is ±\(Format.trimmed(effect, digits: 2))%: a change inside it is never a verdict.",
            height: 70 + 20 * latency.count)
        out += "<div class=\"grid\">"
        let rates = r.series.flatMap { s in
            ([s.errorRate] + (s.timeoutRate.map { [$0] } ?? [])).filter(ComparisonFormat.shown).map { (s, $0) }
        }
        if !rates.isEmpty {
            out += charts.figure(
                forest(rates, showFlow: showFlow, band: nil, unit: "pt", title: "difference, percentage points"),
                caption: "Error and timeout rates: difference in points", height: 70 + 20 * rates.count)
        }
        return out + "</div></section>"
    }

    static func color(_ v: Verdict) -> String {
        switch v {
        case .regression: VerdictColor.fail
        case .improvement: VerdictColor.pass
        case .noSignificantChange: VerdictColor.neutral
        case .tooFewSamples: VerdictColor.warn
        }
    }

    static func forest(
        _ rows: [(SeriesComparison, MetricChange)], showFlow: Bool, band: Double?, unit: String, title: String
    ) -> ChartSpec {
        var spec = ChartSpec(kind: .forest)
        spec.categories = rows.map { s, c in "\(s.name.label(showFlow: showFlow)) \(c.metric)" }
        var interval = ChartSeries(label: "95% interval", color: VerdictColor.neutral)
        interval.ranges = rows.map { _, c in
            [(c.interval?.low ?? c.change).significant(4), (c.interval?.high ?? c.change).significant(4)]
        }
        interval.colors = rows.map { color($0.1.verdict) }
        var estimate = ChartSeries(label: "change", color: "#333333")
        estimate.values = rows.map { $0.1.change.significant(4) }
        estimate.colors = interval.colors
        spec.series = [interval, estimate]
        spec.lines = [.x(0, "no change", color: VerdictColor.neutral)]
        if let band {
            spec.lines.append(
                ReferenceLine(axis: "x", value: -band, to: band, label: "", color: VerdictColor.neutral, dashed: false))
        }
        spec.unit = unit
        spec.xTitle = title
        return spec
    }

    static func table(_ r: ComparisonReport, palette: RolePalette) -> HTMLTable {
        var table = HTMLTable(
            columns: ["series", "role", "metric", "baseline", "candidate", "change", "interval", "verdict"],
            numeric: 3...6)
        let showFlow = r.showsFlows
        for s in r.series {
            // The role has a column of its own: `home (wait) [user]` without its ` [user]`.
            let bare = String(s.name.label(showFlow: showFlow).dropLast(" [\(s.name.role)]".count))
            for c in s.changes.filter(ComparisonFormat.shown) {
                let cls: String? =
                    switch c.verdict {
                    case .regression: "bad"
                    case .improvement: "good"
                    case .tooFewSamples: "warn"
                    case .noSignificantChange: nil
                    }
                table.rows.append([
                    HTMLTable.Cell(bare), HTMLTable.Cell(html: palette.chip(s.name.role)), HTMLTable.Cell(c.metric),
                    .number(ComparisonFormat.value(c.baseline, c.unit), c.baseline),
                    .number(ComparisonFormat.value(c.candidate, c.unit), c.candidate),
                    .number(ComparisonFormat.change(c), c.change),
                    HTMLTable.Cell(ComparisonFormat.interval(c) ?? "-", sort: c.interval?.low),
                    HTMLTable.Cell(c.verdict.text, cls: cls),
                ])
            }
        }
        return table
    }
}
