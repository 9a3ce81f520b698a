import Metrics
import Verdicts

/// `report.html`: a run as one self-contained page, top to bottom — the verdict, the run over time per role, steps ×
/// roles with their percentile plots, the parallel groups, phases, the server's side, the role diff, waterfalls, the
/// knee when there was one, and what the run was. A section the run has no data for is left out. Pure: the same
/// saved run renders the same page, at the end of the run or from `Results/` later (`rehearse report RUN --html`).
public struct HTMLReport: Reporter {
    public init() {}

    public func render(_ page: RunPage) -> String {
        let c = RunPageContext(page)
        var charts = ChartBook()
        var sections: [(id: String, name: String, html: String?)] = [
            ("verdict", "Verdict", RunPageVerdict.html(c)),
            ("timeline", "Over time", RunPageTimeline.html(c, charts: &charts)),
            ("steps", "Steps", RunPageSteps.html(c, charts: &charts)),
        ]
        sections.append(("groups", "Waits", RunPageGroups.html(c, charts: &charts)))
        sections.append(("phases", "Phases", RunPagePhases.html(c, charts: &charts)))
        sections.append(("server-timing", "Server", RunPageServerTiming.html(c, charts: &charts)))
        sections.append(("role-diff", "Role diff", RunPageRoleDiff.html(c, charts: &charts)))
        sections.append(("waterfalls", "Waterfalls", RunPageWaterfalls.html(c, charts: &charts)))
        sections.append(("knee", "Knee", RunPageKnee.html(c, charts: &charts)))
        sections.append(("details", "The run", RunPageDetails.html(c)))
        let shown = sections.compactMap { s in s.html.map { (id: s.id, name: s.name, html: $0) } }
        let info = c.info
        var subtitle = "\(info.startedAt) · \(Format.trimmed(info.durationSeconds, digits: 1)) s · \(info.vus) VUs"
        if let id = page.runID { subtitle = "\(id) · " + subtitle }
        return HTMLDocument(
            title: "Rehearsal — \(info.profile)", subtitle: subtitle, sections: shown.map { ($0.id, $0.name) },
            body: shown.map(\.html).joined(separator: "\n"), charts: charts,
            generator: "Rehearsal \(info.rehearsalVersion)"
        ).render()
    }
}
