import DemoStaging
import TestSupport
import Testing

/// What a browser recording of the demo relies on: the page, per-account task IDs, a task detail
/// that only its assignee can read, and tokens that live for one server and one login.
@Suite("DemoStagingServer browser flow")
struct DemoBrowserFlowTests {
    private func get(_ port: Int, _ path: String, token: String) throws -> HTTPTestResponse {
        try HTTPTestClient.request(port: port, .GET, path, headers: [("Authorization", "Bearer \(token)")])
    }

    private func taskIDs(_ port: Int, token: String) throws -> [Int] {
        let tasks = try get(port, "/api/dashboard/tasks?limit=3", token: token).json["tasks"] as? [[String: Any]]
        return (tasks ?? []).compactMap { $0["id"] as? Int }
    }

    @Test func rootServesTheDashboardPageWithoutAToken() throws {
        let server = try startServer(rows: 10)
        defer { server.shutdown() }
        let page = try HTTPTestClient.request(port: server.port, .GET, "/")
        #expect(page.status == 200)
        #expect(page.header("Content-Type") == "text/html; charset=utf-8")
        #expect(page.header("Cache-Control") == "no-store")
        for needle in ["/api/login", "/api/dashboard/tasks", "/api/tasks/", "location.hash", #"id="task-detail""#] {
            #expect(page.text.contains(needle), "page lacks \(needle)")
        }
        #expect(try HTTPTestClient.request(port: server.port, .POST, "/").status == 405)
        #expect(try HTTPTestClient.request(port: server.port, .GET, "/index.html").status == 404)
    }

    @Test func everyAccountListsItsOwnTaskIDs() throws {
        let server = try startServer(rows: 10)
        defer { server.shutdown() }
        let admin = try login(server.port, "admin@demo.test", "demo-admin")
        #expect(try taskIDs(server.port, token: admin) == [10_000, 10_001, 10_002])
        #expect(try taskIDs(server.port, token: try userToken(server.port, 1)) == [10_100, 10_101, 10_102])
        #expect(try taskIDs(server.port, token: try userToken(server.port, 20)) == [12_000, 12_001, 12_002])
    }

    @Test func aTaskDetailIsReadableByItsAssigneeOnly() throws {
        let server = try startServer(rows: 10)
        defer { server.shutdown() }
        let user1 = try userToken(server.port, 1)
        let detail = try get(server.port, "/api/tasks/10101", token: user1)
        #expect(detail.status == 200)
        #expect(detail.json["id"] as? Int == 10_101)
        #expect(detail.json["assignee"] as? String == "user1@demo.test")
        #expect((detail.json["description"] as? String)?.isEmpty == false)
        #expect(try get(server.port, "/api/tasks/10149", token: user1).status == 200)  // the last of 50
        let admin = try login(server.port, "admin@demo.test", "demo-admin")
        let user2 = try userToken(server.port, 2)
        for (token, path) in [
            (admin, "/api/tasks/10101"), (user2, "/api/tasks/10101"), (user1, "/api/tasks/10000"),
            (user1, "/api/tasks/10150"), (user1, "/api/tasks/99"), (user1, "/api/tasks/abc"),
        ] {
            let response = try get(server.port, path, token: token)
            #expect(response.status == 404, "\(path)")
            #expect(response.json["error"] as? String == "task not found")
        }
        #expect(try get(server.port, "/api/tasks/10101/comments", token: user1).status == 404)
        #expect(try HTTPTestClient.request(port: server.port, .GET, "/api/tasks/10101").status == 401)
        #expect(server.stats().requestCount(path: "/api/tasks/{id}") == 9)  // one key for every ID
    }

    @Test func everyLoginGetsAFreshTokenThatOnlyItsServerKnows() throws {
        let first = try startServer(rows: 10)
        defer { first.shutdown() }
        let (a, b) = (try userToken(first.port, 1), try userToken(first.port, 1))
        #expect(a != b)
        #expect(try get(first.port, "/api/me", token: a).status == 200)  // an earlier session stays valid
        #expect(try get(first.port, "/api/me", token: b).status == 200)
        let second = try startServer(rows: 10)
        defer { second.shutdown() }
        let stale = try get(second.port, "/api/me", token: a)  // a token recorded against another run
        #expect(stale.status == 401)
        #expect(stale.json["error"] as? String == "missing or invalid bearer token")
    }
}
