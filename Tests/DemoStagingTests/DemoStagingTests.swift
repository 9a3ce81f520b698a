import DemoStaging
import Foundation
import TestSupport
import Testing

private func tasks(_ port: Int, token: String, timeout: Duration = .seconds(10)) throws -> HTTPTestResponse {
    try HTTPTestClient.request(
        port: port, .GET, "/api/dashboard/tasks", headers: [("Authorization", "Bearer \(token)")], timeout: timeout)
}

// Timing expectations: a cost is a timer, which never fires early, so lower bounds are exact; upper bounds only
// separate "did not scan" from "scanned" (1 s), wide enough for a loaded 2-core machine.

@Suite("DemoStagingServer")
struct DemoStagingTests {
    @Test func loginGivesATokenRoleAndSessionCookie() throws {
        let server = try startServer()
        defer { server.shutdown() }
        let response = try HTTPTestClient.request(
            port: server.port, .POST, "/api/login", body: #"{"email":"user7@demo.test","password":"demo-user"}"#)
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.json["role"] as? String == "user")
        #expect((response.json["token"] as? String)?.count ?? 0 >= 32)
        #expect(response.header("Set-Cookie")?.hasPrefix("demo_session=") == true)
        #expect(response.header("Set-Cookie")?.hasSuffix("; Path=/; HttpOnly") == true)
        let admin = try login(server.port, "admin@demo.test", "demo-admin")
        let me = try HTTPTestClient.request(
            port: server.port, .GET, "/api/me", headers: [("Authorization", "Bearer \(admin)")])
        #expect(me.json["role"] as? String == "admin")
        #expect(me.json["email"] as? String == "admin@demo.test")
    }

    @Test func badCredentialsAndMalformedBodies() throws {
        let server = try startServer()
        defer { server.shutdown() }
        let wrong = try HTTPTestClient.request(
            port: server.port, .POST, "/api/login", body: #"{"email":"admin@demo.test","password":"demo-user"}"#)
        #expect(wrong.status == 401)
        #expect(wrong.json["error"] as? String == "bad credentials")
        #expect(try HTTPTestClient.request(port: server.port, .POST, "/api/login", body: "not json").status == 400)
        let partial = try HTTPTestClient.request(port: server.port, .POST, "/api/login", body: #"{"email":"x"}"#)
        #expect(partial.status == 400)
    }

    @Test(arguments: ["/api/me", "/api/projects", "/api/notifications", "/api/dashboard/tasks"])
    func endpointsNeedAValidBearerToken(path: String) throws {
        let server = try startServer()
        defer { server.shutdown() }
        let missing = try HTTPTestClient.request(port: server.port, .GET, path)
        #expect(missing.status == 401)
        #expect(missing.header("Content-Type") == "application/json")
        let forged = try HTTPTestClient.request(
            port: server.port, .GET, path, headers: [("Authorization", "Bearer nope")])
        #expect(forged.status == 401)
        let token = try userToken(server.port)
        let ok = try HTTPTestClient.request(
            port: server.port, .GET, path, headers: [("Authorization", "Bearer \(token)")])
        #expect(ok.status == 200)
        #expect(try HTTPTestClient.request(port: server.port, .GET, "/api/unknown").status == 404)
    }

    @Test func adminDashboardIsFastAndReportsServerTiming() throws {
        let server = try startServer(perRow: .milliseconds(1))  // user would take 1 s
        defer { server.shutdown() }
        let token = try login(server.port, "admin@demo.test", "demo-admin")
        let response = try tasks(server.port, token: token)
        #expect(response.status == 200)
        #expect(response.elapsed < 0.9, "far below the 1 s a user's scan takes: \(response.elapsed) s")
        #expect(response.json["ok"] as? Bool == true)
        #expect((response.json["tasks"] as? [Any])?.isEmpty == false)
        #expect(Self.serverTiming(response.header("Server-Timing"), "db") != nil)
        #expect(Self.serverTiming(response.header("Server-Timing"), "pool") == 0, "admin bypasses the pool")
    }

    /// The `dur` of metric `name` in a `Server-Timing` value, ms.
    static func serverTiming(_ header: String?, _ name: String) -> Double? {
        guard let header, let match = header.firstMatch(of: try! Regex("\\b\(name);dur=([0-9.]+)")) else { return nil }
        return match.output[1].substring.flatMap { Double($0) }
    }

    @Test func singleUserQueryTakesRoughlyItsCost() throws {
        let server = try startServer()  // 1000 rows × 200 µs = 200 ms
        defer { server.shutdown() }
        let response = try tasks(server.port, token: try userToken(server.port))
        #expect(response.status == 200)
        #expect(response.elapsed >= 0.2 && response.elapsed < 3, "\(response.elapsed) s")
        #expect(response.json["rows_scanned"] as? Int == 1000)
        #expect((Self.serverTiming(response.header("Server-Timing"), "db") ?? 0) >= 199.9)
        #expect((Self.serverTiming(response.header("Server-Timing"), "pool") ?? -1) >= 0)
    }

    @Test func aOneSlotPoolMakesTheSecondQueryWait() throws {
        let server = try startServer(poolSize: 1)  // 200 ms per query, one at a time
        defer { server.shutdown() }
        let port = server.port
        let (first, second) = (try userToken(port, 1), try userToken(port, 2))
        let (one, two) = (try HTTPTestConnection.open(port: port), try HTTPTestConnection.open(port: port))
        let path = "/api/dashboard/tasks"
        let a = one.start(.GET, path, headers: [("Authorization", "Bearer \(first)")])
        let b = two.start(.GET, path, headers: [("Authorization", "Bearer \(second)")])
        let (ra, rb) = (try a.wait(), try b.wait())
        let slower = max(ra.elapsed, rb.elapsed)
        #expect(slower >= 0.3, "≥ 1.5 × the 200 ms cost: it queued behind the other (\(slower) s)")
        #expect(server.stats().poolQueuePeak == 1)
        // Server-Timing says where the second one's time went: waiting for the pool.
        let pools = [ra, rb].compactMap { Self.serverTiming($0.header("Server-Timing"), "pool") }
        #expect(pools.count == 2 && (pools.max() ?? 0) >= 150, "\(pools)")
    }

    @Test func fixedPolicyMakesUserAsFastAsAdmin() throws {
        let server = try startServer(perRow: .milliseconds(1), poolSize: 1, policy: .fixed)
        defer { server.shutdown() }
        let response = try tasks(server.port, token: try userToken(server.port))
        #expect(response.status == 200)
        #expect(response.elapsed < 0.9, "far below the 1 s the slow policy's scan takes: \(response.elapsed) s")
        #expect((response.json["rows_scanned"] as? Int ?? 1000) < 1000)
    }

    @Test func statsCountRequestsPerRole() throws {
        let server = try startServer(rows: 10)
        defer { server.shutdown() }
        let user = try userToken(server.port)
        let admin = try login(server.port, "admin@demo.test", "demo-admin")
        _ = try tasks(server.port, token: user)
        _ = try tasks(server.port, token: admin)
        _ = try tasks(server.port, token: admin)
        _ = try HTTPTestClient.request(port: server.port, .GET, "/api/me")
        let stats = server.stats()
        #expect(stats.requestCount(path: "/api/dashboard/tasks", role: "user") == 1)
        #expect(stats.requestCount(path: "/api/dashboard/tasks", role: "admin") == 2)
        #expect(stats.requestCount(path: "/api/login", role: "user") == 1)
        #expect(stats.requestCount(path: "/api/me", role: DemoStats.anonymous) == 1)
        #expect(stats.requestCount() == 6)
        #expect(stats.queriesStarted == 3 && stats.queriesCompleted == 3)
    }

    @Test func anAbandonedQueryStillRunsAndIsCounted() throws {
        let server = try startServer(perRow: .microseconds(400))  // 400 ms
        defer { server.shutdown() }
        let token = try userToken(server.port)
        // The client gives up and closes its connection, like a timed-out client.
        #expect(throws: HTTPTestError.timedOut) { try tasks(server.port, token: token, timeout: .milliseconds(100)) }
        let stats = Wait.until({ server.stats() }, until: { $0.queriesAbandoned == 1 && $0.queriesCompleted == 1 })
        #expect(stats.queriesAbandoned == 1)
        #expect(stats.queriesCompleted == 1)
    }

    @Test func keepAliveAndConnectionClose() throws {
        let server = try startServer()
        defer { server.shutdown() }
        let connection = try HTTPTestConnection.open(port: server.port, timeout: .seconds(2))
        for _ in 0..<3 {
            #expect(try connection.send(.GET, "/api/me").status == 401)
        }
        let last = try connection.send(.GET, "/api/me", headers: [("Connection", "close")])
        #expect(last.header("Connection") == "close")
        #expect(connection.serverCloses())
    }

    @Test func defaultsDescribeTheDemo() {
        let options = DemoOptions()
        #expect(options.rows == 3000 && options.poolSize == 2 && options.policy == .slow)
        // Slow enough alone to look "fine", slow enough under 8 users to collapse (see report).
        #expect(options.userQueryCost > .milliseconds(1000) && options.userQueryCost < .milliseconds(1300))
        #expect(DemoOptions(policy: .fixed).userQueryCost == options.indexedQueryCost)
    }
}
