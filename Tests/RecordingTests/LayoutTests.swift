import Foundation
import Scenario
import Testing

@testable import Recording

/// Steps in recorded order, parallel groups from overlapping requests, think times from recorded gaps.
@Suite struct LayoutTests {
    /// `[request, think 2.02s, request, …]` as short text, for comparing shapes.
    static func shape(_ flow: Flow) -> [String] {
        flow.steps.map { step in
            switch step {
            case .request(let r): r.name
            case .group(let g): "group \(g.name): " + g.requests.map(\.name).joined(separator: ", ")
            case .think(let t): "think \(YAMLText.duration(t.minimum))"
            }
        }
    }

    @Test func chromeShape() throws {
        let flow = try Fixtures.importHAR("chrome.har").flow
        #expect(
            Self.shape(flow) == [
                "GET /login", "think 2.02s", "POST /api/login", "GET /dashboard", "think 140ms",
                "group /dashboard: GET /api/me, GET /rest/v1/tasks, GET /api/notifications", "think 2.095s",
                "GET /rest/v1/tasks/{{task_id}}", "think 5s", "PATCH /rest/v1/tasks/{{task_id}}", "think 210ms",
                "GET /api/me #2",
            ])
    }

    @Test func thinkTimesAreScaledAndCapped() throws {
        var options = ImportOptions()
        options.thinkScale = 0.5
        options.maxThink = .seconds(1)
        let thinks = Self.shape(try Fixtures.importHAR("chrome.har", options).flow).filter { $0.hasPrefix("think") }
        // 2.02s·0.5 → 1s (cap); 140ms·0.5 = 70ms is under the 100ms floor; 2.095s → 1s; 7s → 1s; 210ms → 105ms.
        #expect(thinks == ["think 1s", "think 1s", "think 1s", "think 105ms"])
        options.thinkScale = 0
        #expect(Self.shape(try Fixtures.importHAR("chrome.har", options).flow).allSatisfy { !$0.hasPrefix("think") })
    }

    @Test func overlappingRequestsFormAGroupUnlessOneNeedsAnothersResponse() throws {
        let har = HARText.document(entries: [
            HARText.entry("POST", "http://a.test/api/login", at: 0, time: 50, body: #"{"token": "tok-123456789"}"#),
            HARText.entry(
                "GET", "http://a.test/api/list", at: 100, time: 300, body: #"{"items": [{"id": 55501}]}"#,
                requestHeaders: [("Authorization", "Bearer tok-123456789")]),
            HARText.entry(
                "GET", "http://a.test/api/stats", at: 110, time: 100,
                requestHeaders: [("Authorization", "Bearer tok-123456789")]),
            // Starts before the group has finished (stats ends at 210, list at 400) but uses the list's ID.
            HARText.entry("GET", "http://a.test/api/items/55501", at: 390, time: 20),
        ])
        let flow = try HARImport.run(path: try Fixtures.temporary(har)).flow
        #expect(
            Self.shape(flow) == [
                "POST /api/login", "group list, stats: GET /api/list, GET /api/stats",
                "GET /api/items/{{item_id}}",
            ])
    }

    @Test func pagesSplitGroupsAndNameThem() throws {
        let har = HARText.document(
            entries: [
                HARText.entry("GET", "http://a.test/api/a", at: 0, time: 100, extra: #""pageref": "p1""#),
                HARText.entry("GET", "http://a.test/api/b", at: 10, time: 100, extra: #""pageref": "p1""#),
                HARText.entry("GET", "http://a.test/api/c", at: 50, time: 100, extra: #""pageref": "p2""#),
                HARText.entry("GET", "http://a.test/api/d", at: 60, time: 100, extra: #""pageref": "p2""#),
            ],
            pages: #"[{"id": "p1", "title": "Projects"}, {"id": "p2", "title": "http://a.test/reports?token=x"}]"#)
        let flow = try HARImport.run(path: try Fixtures.temporary(har)).flow
        #expect(
            Self.shape(flow) == ["group Projects: GET /api/a, GET /api/b", "group /reports: GET /api/c, GET /api/d"])
    }

    /// Issue 13 §1: brief group names — the page's name, else the first path segment that differs.
    @Test func groupNamesAreBrief() {
        #expect(
            GroupNaming.describe(["/rest/v1/rpc/dashboard_stats", "/rest/v1/tasks", "/rest/v1/projects"])
                == "rpc, tasks, projects")
        #expect(GroupNaming.describe(["/api/me", "/api/a", "/api/b", "/api/c", "/api/d"]) == "me, a, b +2")
        #expect(GroupNaming.describe(["/api/tasks/1", "/api/tasks/2"]) == "tasks", "IDs name nothing")
        #expect(GroupNaming.describe(["/", "/"]) == "home")
        #expect(GroupNaming.clean("Dashboard – Acme Staging") == "Dashboard")
        #expect(GroupNaming.clean("https://staging.example.test/") == "home")
        let long = GroupNaming.clean(String(repeating: "Quarterly revenue ", count: 5))
        #expect(long?.count == GroupNaming.maxLength && long?.hasSuffix("…") == true)
    }

    @Test func entriesOutOfOrderAreSortedByStartTime() throws {
        let har = HARText.document(entries: [
            HARText.entry("GET", "http://a.test/api/second", at: 500),
            HARText.entry("GET", "http://a.test/api/first", at: 0),
        ])
        let flow = try HARImport.run(path: try Fixtures.temporary(har)).flow
        #expect(flow.requests.map(\.name) == ["GET /api/first", "GET /api/second"])
    }
}
