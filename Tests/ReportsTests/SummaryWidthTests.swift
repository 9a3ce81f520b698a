import Foundation
import Metrics
import RunFixtures
import Testing

@testable import Reports

/// Issue 13 §1: the summary of a real recording stays within the terminal (long names shortened in the middle,
/// whole in summary.json), and a step a role never reached is listed, not silently left out.
@Suite struct SummaryWidthTests {
    static let group = "parallel: dashboard_stats, tasks, projects"
    static let step = "GET /rest/v1/rpc/dashboard_stats?select=count&owner=eq.42"

    /// A run whose admin failed in the group (so never reached `logout`), with recorded, long names.
    static func summary() -> RunSummary {
        let catalog = SeriesCatalog(
            steps: [
                .init(flow: "dash", step: step, group: group, role: "admin", method: "GET"),
                .init(flow: "dash", step: step, group: group, role: "user", method: "GET"),
                .init(flow: "dash", step: "POST /logout", group: nil, role: "admin", method: "POST"),
                .init(flow: "dash", step: "POST /logout", group: nil, role: "user", method: "POST"),
            ],
            groups: [.init(flow: "dash", group: group, role: "admin"), .init(flow: "dash", group: group, role: "user")])
        var store = MetricsStore(catalog: catalog)
        for sample in ReportFixture.ok(20_000, times: 3) { store.steps[1].record(sample) }
        for sample in ReportFixture.ok(20_000, times: 3) { store.steps[3].record(sample) }
        store.steps[0].record(
            RequestSample(totalMicros: 9_000, error: .check, message: "status 206, expected 200"))
        return RunSummary(info: ReportFixture.info(), catalog: catalog, store: store)
    }

    @Test func tablesFitTheWidthByShorteningNamesInTheMiddle() {
        let s = Self.summary()
        let wide = SummaryReport(width: nil).render(s)
        #expect(wide.contains("\(Self.group) › \(Self.step)"), "no width: whole names")
        for width in [80, 100, 120] {
            let text = SummaryReport(width: width).render(s)
            let tableLines = text.split(separator: "\n").filter { $0.contains("admin") || $0.hasPrefix("step") }
            for line in tableLines {
                #expect(line.count <= width, "\(width): \(line.count) columns: \(line)")
            }
            #expect(text.contains("…"), "names are shortened in the middle")
            #expect(text.contains("parallel: "), "the start of the name is kept")
        }
        #expect(TextTable.shortened("abcdefghijklmnop", to: 9) == "abcd…mnop")
        #expect(TextTable.shortened("short", to: 9) == "short")
    }

    @Test func stepsARoleNeverReachedAreListedInTextAndJSON() throws {
        let s = Self.summary()
        #expect(s.neverReached?.map { "\($0.step) \($0.role)" } == ["POST /logout admin"])
        let text = SummaryReport(width: nil).render(s)
        let row = try #require(
            text.split(separator: "\n").first { $0.hasPrefix("POST /logout") && $0.contains("admin") })
        #expect(row.hasSuffix(" 0  never reached"))
        #expect(text.contains(SummaryReport.neverReachedLegend))
        let json = SummaryJSON().render(s)
        #expect(json.contains("\"never_reached\""))
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let listed = try #require(object?["never_reached"] as? [[String: Any]])
        #expect(
            listed.count == 1 && listed[0]["step"] as? String == "POST /logout"
                && listed[0]["role"] as? String == "admin")
        let steps = try #require(object?["steps"] as? [[String: Any]])
        #expect(steps.contains { ($0["group"] as? String) == Self.group }, "summary.json keeps whole names")
    }

    @Test func aRoleThatNeverRanHasNothingUnreached() {
        var store = MetricsStore(catalog: ReportFixture.catalog)
        store.steps[0].record(RequestSample(totalMicros: 1_000))  // admin's login only; user never ran
        let s = RunSummary(info: ReportFixture.info(), catalog: ReportFixture.catalog, store: store)
        #expect(s.neverReached?.map { "\($0.step) \($0.role)" } == ["me admin", "tasks admin"])
    }
}
