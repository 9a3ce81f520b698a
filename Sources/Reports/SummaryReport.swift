import Metrics
import Verdicts

/// The end-of-run text report: a table per step × role, the groups the user waited for, failures, and the
/// findings about spinners. A pure function of the summary, so it renders the same from saved results.
public struct SummaryReport: Reporter {
    public var style: TerminalStyle
    /// Add the per-phase table (where the time went).
    public var phases: Bool
    /// The spinner limit the run itself used (ms), when the summary was re-judged for another limit
    /// (`rehearse report --spinner`): a line then says so.
    public var recordedSpinnerMs: Int?
    /// The terminal's width: tables are kept within it by shortening names in the middle (summary.json keeps them
    /// whole). `nil`: no limit.
    public var width: Int?

    public init(style: TerminalStyle = .plain, phases: Bool = false, recordedSpinnerMs: Int? = nil, width: Int? = nil) {
        self.style = style
        self.phases = phases
        self.recordedSpinnerMs = recordedSpinnerMs
        self.width = width
    }

    /// The report of `s`, as `SummaryReport(style:phases:).render(s)`.
    public static func render(_ s: RunSummary, style: TerminalStyle = .plain, phases: Bool = false) -> String {
        SummaryReport(style: style, phases: phases).render(s)
    }

    public func render(_ s: RunSummary) -> String {
        var out: [String] = []
        out.append(style.bold("Rehearsal — \(s.run.profile)") + "  \(Self.headline(s))")
        out.append("")
        out.append(Self.stepTable(s).render(maxWidth: width))
        if !(s.neverReached ?? []).isEmpty { out.append(style.dim(Self.neverReachedLegend)) }
        if phases {
            out.append("")
            out.append(style.bold("Where the time went (p95 per phase; dns/connect/tls on fresh connections only)"))
            out.append(PhaseTable.table(s).render(maxWidth: width))
        }
        if !s.groups.isEmpty {
            out.append("")
            out.append(style.bold("Waits the user sees (parallel groups)"))
            out.append(Self.groupTable(s).render(maxWidth: width))
        }
        let server = ServerTimingLines.lines(s)
        if !server.isEmpty {
            out.append("")
            out.append(style.bold("Where the server spent it (Server-Timing)"))
            out += server
            out.append(style.dim(ServerTimingLines.legend))
        }
        if ScenarioTable.isWorthShowing(s) {
            out.append("")
            out.append(style.bold("Scenarios (latency from schedule vs service time)"))
            out.append(ScenarioTable.table(s).render(maxWidth: width))
            out += ScenarioTable.legend.map(style.dim)
        }
        let failures = FailureList.lines(s, width: width)
        if !failures.isEmpty {
            out.append("")
            out.append(style.bold("Failures"))
            out += failures
        }
        let findings = Findings.lines(s, style: style)
        if !findings.isEmpty {
            out.append("")
            if let recorded = recordedSpinnerMs, recorded != s.run.spinnerMs {
                out.append(style.dim(Findings.rejudged(s, recordedSpinnerMs: recorded)))
            }
            out += findings
        }
        if s.roleDiff != nil {
            out.append("")
            out.append(RoleDiffText(style: style).render(s))
        }
        out += GeneratorLines.lines(s, style: style)
        out += SplitRunLines.lines(s, style: style)
        return out.joined(separator: "\n")
    }

    static func headline(_ s: RunSummary) -> String {
        let t = s.totals
        var parts = [
            "\(t.requests) requests in \(Format.trimmed(s.run.durationSeconds, digits: 1))s",
            "\(Format.rate(t.rate)) req/s", vus(s.run),
            "failed \(t.failed) (\(Format.percent(t.failed, of: t.requests)))", "timeouts \(t.timeouts)",
        ]
        if let cut = t.errors[ErrorClass.cutOff.rawValue], cut > 0 { parts.append("cut off \(cut)") }
        if s.run.stopReason != "completed" { parts.append(s.run.stopReason.uppercased()) }
        return parts.joined(separator: " · ")
    }

    /// The concurrency the run reached, and the VUs allocated when it reached fewer (`12 of 16 VUs at once`).
    static func vus(_ run: RunInfo) -> String {
        guard let reached = run.concurrencyReached, reached != run.vus else { return "\(run.vus) VUs" }
        return "\(reached) of \(run.vus) VUs at once"
    }

    /// Whether rows name their scenario (the run has scenarios of its own).
    static func namesScenarios(_ s: RunSummary) -> Bool {
        s.scenarios.count > 1 || (s.scenarios.first.map { $0.name != SeriesCatalog.defaultScenario } ?? false)
    }

    /// `browse: dashboard › tasks` when the run has scenarios, else `dashboard › tasks`.
    static func rowName(_ name: String, scenario: String, _ s: RunSummary) -> String {
        namesScenarios(s) ? "\(scenario): \(name)" : name
    }

    static func stepTable(_ s: RunSummary) -> TextTable {
        var table = TextTable(
            header: [
                "step", "role", "reqs", "req/s", "p50", "p90", "p95", "p99", "p99.9", "max", "failed", "timeouts",
                "spinner",
            ],
            firstNumericColumn: 2, droppable: [8, 5, 3])  // p99.9, p90, req/s
        for r in s.steps {
            let name = rowName(r.group.map { "\($0) › \(r.step)" } ?? r.step, scenario: r.scenario, s)
            let l = r.latency
            table.rows.append([
                name, r.role, String(r.requests), Format.rate(r.rate), Format.latency(l.p50), Format.latency(l.p90),
                Format.latency(l.p95), Format.latency(l.p99), Format.latency(l.p999), Format.latency(l.max),
                Format.count(r.failed), Format.count(r.errors["timeout"] ?? 0),
                r.group == nil ? Format.count(r.overSpinner) : "",
            ])
        }
        for key in s.neverReached ?? [] {
            let name = rowName(key.group.map { "\($0) › \(key.step)" } ?? key.step, scenario: key.scenario, s)
            table.rows.append([name, key.role, "0", Self.neverReachedNote])
        }
        return table
    }

    /// What a step that a role never sent says in its row, and the line under the table that explains it.
    static let neverReachedNote = "never reached"
    static let neverReachedLegend =
        "never reached: every iteration of that role ended before the step (an earlier step failed, or the run ended)"

    static func groupTable(_ s: RunSummary) -> TextTable {
        var table = TextTable(
            header: ["group", "role", "loads", "p50", "p95", "p99", "max", "failed", "over spinner"],
            firstNumericColumn: 2)
        for g in s.groups {
            table.rows.append([
                rowName(g.group, scenario: g.scenario, s), g.role, String(g.count), Format.latency(g.time.p50),
                Format.latency(g.time.p95),
                Format.latency(g.time.p99), Format.latency(g.time.max), Format.count(g.failed),
                "\(g.overSpinner) (\(Format.percent(g.overSpinner, of: g.count)))",
            ])
        }
        return table
    }
}
