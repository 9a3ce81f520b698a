import Metrics
import Scenario
import Verdicts

/// What a run's HTML page renders: the saved run (`histograms.json`: its info, timeline and every histogram) and
/// what was found beside it. Everything else — the summary, the role diff, the thresholds' verdicts — is derived
/// from these, so a page rebuilt from `Results/<run>/` a year later is the page the run wrote.
public struct RunPage: Sendable {
    public var run: SavedRun
    /// The run's id: its results folder's name (`20261126T101500Z-demo`).
    public var runID: String?
    /// `knee.json`, when the run was a knee test.
    public var knee: KneeReport?
    /// The spinner limit the run itself used (ms), when `run` was re-judged for another (`report --spinner`).
    public var recordedSpinnerMs: Int?

    public init(run: SavedRun, runID: String? = nil, knee: KneeReport? = nil, recordedSpinnerMs: Int? = nil) {
        self.run = run
        self.runID = runID
        self.knee = knee
        self.recordedSpinnerMs = recordedSpinnerMs
    }
}

/// A run page's inputs worked out once: the full summary (role diff judged), the thresholds judged again from the
/// texts the run recorded, and the roles' colours.
struct RunPageContext {
    let page: RunPage
    let summary: RunSummary
    let judged: JudgedRun
    /// Recorded thresholds that no longer parse (a run saved by another version): shown, not judged.
    let unparsed: [String]
    let palette: RolePalette

    init(_ page: RunPage) {
        self.page = page
        summary = page.run.fullSummary
        var thresholds: [Threshold] = []
        var unparsed: [String] = []
        for text in page.run.info.thresholds ?? [] {
            do {
                thresholds.append(try ThresholdParser.parse(text))
            } catch {
                unparsed.append(text)
            }
        }
        judged = JudgedRun(
            summary: summary,
            thresholds: ThresholdEvaluation.evaluate(thresholds, run: page.run))
        self.unparsed = unparsed
        palette = RolePalette(roles: page.run.info.roles)
    }

    var info: RunInfo { page.run.info }
    var spinnerMs: Double { Double(info.spinnerMs) }
    /// Roles in the run's order, then any that series name and the run did not list (an older run).
    var roles: [String] {
        let listed = info.roles
        var extra: [String] = []
        for step in summary.steps where !listed.contains(step.role) && !extra.contains(step.role) {
            extra.append(step.role)
        }
        return listed + extra
    }

    /// `home › tasks`, `login`; with the scenario in front when the run has named scenarios.
    func stepName(_ r: RunSummary.StepReport) -> String {
        SummaryReport.rowName(r.group.map { "\($0) › \(r.step)" } ?? r.step, scenario: r.scenario, summary)
    }
}
