import Verdicts

/// `rehearse compare --markdown FILE`: the comparison as a pull-request comment — a heading with the count of
/// regressions and improvements, the two runs, the method, and the same rows as the terminal report.
public struct ComparisonMarkdown: Reporter {
    public init() {}

    public func render(_ r: ComparisonReport) -> String {
        var out = [Self.heading(r), ""]
        let about =
            ["Baseline: " + ComparisonFormat.run(r.baseline), "Candidate: " + ComparisonFormat.run(r.candidate)]
            + ComparisonFormat.method(r.method)
        // Two trailing spaces: a line break inside one paragraph.
        out.append(about.map(MarkdownText.cell).joined(separator: "  \n"))
        if r.series.isEmpty {
            out += ["", "No step or group appears in both runs: nothing to compare."]
        } else {
            let interval = ComparisonText.interval(r)
            out += ["", "| series | metric | baseline | candidate | change | \(interval) interval | verdict |"]
            out.append("|---|---|--:|--:|--:|---|---|")
            out += Self.rows(r)
        }
        let showFlow = r.showsFlows
        var only: [String] = []
        for (title, names) in [
            ("Only in the baseline", r.onlyInBaseline), ("Only in the candidate", r.onlyInCandidate),
        ]
        where !names.isEmpty {
            let labels = names.map { MarkdownText.cell($0.label(showFlow: showFlow)) }
            only.append("\(title): " + labels.joined(separator: ", "))
        }
        if !only.isEmpty { out += ["", only.joined(separator: "  \n")] }
        return out.joined(separator: "\n") + "\n"
    }

    /// `### ❌ Rehearsal compare: 3 regressions in 1 series, 0 improvements; 4 series compared`.
    static func heading(_ r: ComparisonReport) -> String {
        let mark = r.count(.regression) > 0 ? "❌" : "✅"
        return "### \(mark) Rehearsal compare: \(ComparisonFormat.tally(r))"
    }

    private static func rows(_ r: ComparisonReport) -> [String] {
        let showFlow = r.showsFlows
        var rows: [String] = []
        for s in r.series {
            for (i, c) in s.changes.filter(ComparisonFormat.shown).enumerated() {
                let cells = [
                    i == 0 ? MarkdownText.cell(s.name.label(showFlow: showFlow)) : "", MarkdownText.cell(c.metric),
                    ComparisonFormat.value(c.baseline, c.unit), ComparisonFormat.value(c.candidate, c.unit),
                    ComparisonFormat.change(c), MarkdownText.cell(ComparisonFormat.interval(c) ?? "-"), verdict(c),
                ]
                rows.append("| " + cells.joined(separator: " | ") + " |")
            }
        }
        return rows
    }

    private static func verdict(_ c: MetricChange) -> String {
        switch c.verdict {
        case .regression: "❌ regression"
        case .improvement: "✅ improvement"
        case .noSignificantChange, .tooFewSamples: c.verdict.text
        }
    }
}
