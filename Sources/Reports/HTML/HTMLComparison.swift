import Metrics
import Verdicts

/// `rehearse compare A B --html FILE`: the comparison as one self-contained page — the verdict (and the `--fail-on`
/// rules'), every change with its interval as a forest plot and a table, and per series the baseline's and the
/// candidate's percentile plots overlaid.
public struct HTMLComparison: Reporter {
    public init() {}

    public func render(_ page: ComparisonPage) -> String {
        let r = page.report
        var charts = ChartBook()
        let roles =
            page.baseline.info.roles + page.candidate.info.roles.filter { !page.baseline.info.roles.contains($0) }
        let palette = RolePalette(roles: roles)
        var sections: [(id: String, name: String, html: String)] = [
            ("verdict", "Verdict", verdict(page)),
            ("changes", "Changes", ComparisonPageChanges.html(r, palette: palette, charts: &charts)),
        ]
        if !r.series.isEmpty {
            sections.append(("distributions", "Distributions", distributions(page, palette: palette, charts: &charts)))
        }
        return HTMLDocument(
            title: "Rehearsal compare — \(r.candidate.profile)",
            subtitle: "baseline \(r.baseline.folder ?? r.baseline.startedAt) → candidate "
                + "\(r.candidate.folder ?? r.candidate.startedAt)",
            sections: sections.map { ($0.id, $0.name) }, body: sections.map(\.html).joined(separator: "\n"),
            charts: charts, generator: "Rehearsal \(page.candidate.info.rehearsalVersion)"
        ).render()
    }

    /// Regressions beyond the noise (and past the rules), improvements, and how the verdicts were reached.
    func verdict(_ page: ComparisonPage) -> String {
        let r = page.report
        let regressions = r.count(.regression)
        var out = "<section id=\"verdict\"><h2>Verdict</h2>"
        if !page.rules.isEmpty {
            let failures = ComparisonRegressions(rules: page.rules).lines(r)
            let rules = page.rules.map { "'\($0)'" }.joined(separator: ", ")
            out +=
                failures.isEmpty
                ? banner("pass", "✓", "--fail-on \(rules): no series regressed past it")
                : banner("fail", "✗", "--fail-on \(rules): \(failures.count) regressed past it")
            out += failures.map { "<p class=\"bad\">✗ regression: \(HTMLText.escape($0))</p>" }.joined()
        }
        out +=
            regressions > 0
            ? banner("fail", "✗", ComparisonFormat.tally(r))
            : banner(
                r.count(.improvement) > 0 ? "pass" : "neutral", "✓",
                "No regression beyond the noise — " + ComparisonFormat.tally(r))
        let unsure = r.count(.tooFewSamples)
        if unsure > 0 {
            out += banner("warn small", "⚠", "\(unsure) comparisons had too few samples to say anything")
        }
        out += "<dl class=\"details\">"
        for (name, run) in [("baseline", r.baseline), ("candidate", r.candidate)] {
            let folder = run.folder.map { "\($0): " } ?? ""
            out += "<dt>\(name)</dt><dd>\(HTMLText.escape(folder + ComparisonFormat.run(run)))</dd>"
        }
        out += "</dl>"
        out += ComparisonFormat.method(r.method).map { "<p class=\"note\">\(HTMLText.escape($0))</p>" }.joined()
        let showFlow = r.showsFlows
        for (title, names) in [
            ("Only in the baseline", r.onlyInBaseline), ("Only in the candidate", r.onlyInCandidate),
        ]
        where !names.isEmpty {
            out += "<p class=\"note\">\(title): "
            out += HTMLText.escape(names.map { $0.label(showFlow: showFlow) }.joined(separator: ", ")) + "</p>"
        }
        return out + "</section>"
    }

    func banner(_ cls: String, _ sign: String, _ text: String) -> String {
        "<p class=\"banner \(cls)\"><span class=\"sign\">\(sign)</span> \(HTMLText.escape(text))</p>"
    }

    /// Per series, the two runs' percentile plots overlaid: the baseline dashed, the candidate solid.
    func distributions(_ page: ComparisonPage, palette: RolePalette, charts: inout ChartBook) -> String {
        let base = page.baseline.seriesTimes
        let cand = page.candidate.seriesTimes
        let showFlow = page.report.showsFlows
        var out = "<section id=\"distributions\"><h2>Distributions: baseline (dashed) and candidate</h2>"
        out += "<div class=\"grid\">"
        for s in page.report.series {
            let color = palette.color(s.name.role)
            var chart = PercentileChart(curves: [
                .init(label: "baseline", color: VerdictColor.neutral, histogram: base[s.name] ?? .init(), dashed: true),
                .init(label: "candidate", color: color, histogram: cand[s.name] ?? .init()),
            ])
            chart.addSpinner(Double(page.candidate.info.spinnerMs))
            let (spec, note) = chart.spec()
            let p95 = s.latency.first { $0.metric == "p95" }
            let verdict = p95.map { " — p95 \(ComparisonFormat.change($0)), \($0.verdict.text)" } ?? ""
            out += charts.figure(spec, caption: s.name.label(showFlow: showFlow) + verdict, note: note)
        }
        return out + "</div></section>"
    }
}
