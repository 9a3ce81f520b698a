import DemoStaging
import Foundation
import Testing

private func tasks(_ port: Int, token: String, timeout: Double = 10) throws -> MiniResponse {
    try MiniHTTP.request(port: port, "GET", "/api/dashboard/tasks", headers: [("Authorization", "Bearer \(token)")],
                         timeout: timeout)
}

@Suite("DemoStagingServer")
struct DemoStagingTests {
    @Test func loginGivesATokenRoleAndSessionCookie() throws {
        let server = try startServer()
        defer { server.shutdown() }
        let response = try MiniHTTP.request(
            port: server.port, "POST", "/api/login", body: #"{"email":"user7@demo.test","password":"demo-user"}"#)
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.json["role"] as? String == "user")
        #expect((response.json["token"] as? String)?.count ?? 0 >= 32)
        #expect(response.header("Set-Cookie")?.hasPrefix("demo_session=") == true)
        #expect(response.header("Set-Cookie")?.hasSuffix("; Path=/; HttpOnly") == true)
        let admin = try login(server.port, "admin@demo.test", "demo-admin")
        let me = try MiniHTTP.request(port: server.port, "GET", "/api/me", headers: [("Authorization", "Bearer \(admin)")])
        #expect(me.json["role"] as? String == "admin")
        #expect(me.json["email"] as? String == "admin@demo.test")
    }

    @Test func badCredentialsAndMalformedBodies() throws {
        let server = try startServer()
        defer { server.shutdown() }
        let wrong = try MiniHTTP.request(
            port: server.port, "POST", "/api/login", body: #"{"email":"admin@demo.test","password":"demo-user"}"#)
        #expect(wrong.status == 401)
        #expect(wrong.json["error"] as? String == "bad credentials")
        #expect(try MiniHTTP.request(port: server.port, "POST", "/api/login", body: "not json").status == 400)
        #expect(try MiniHTTP.request(port: server.port, "POST", "/api/login", body: #"{"email":"x"}"#).status == 400)
    }

    @Test(arguments: ["/api/me", "/api/projects", "/api/notifications", "/api/dashboard/tasks"])
    func endpointsNeedAValidBearerToken(path: String) throws {
        let server = try startServer()
        defer { server.shutdown() }
        let missing = try MiniHTTP.request(port: server.port, "GET", path)
        #expect(missing.status == 401)
        #expect(missing.header("Content-Type") == "application/json")
        let forged = try MiniHTTP.request(port: server.port, "GET", path, headers: [("Authorization", "Bearer nope")])
        #expect(forged.status == 401)
        let token = try userToken(server.port)
        let ok = try MiniHTTP.request(port: server.port, "GET", path, headers: [("Authorization", "Bearer \(token)")])
        #expect(ok.status == 200)
        #expect(try MiniHTTP.request(port: server.port, "GET", "/api/unknown").status == 404)
    }

    @Test func adminDashboardIsFastAndReportsServerTiming() throws {
        let server = try startServer(perRow: .milliseconds(1))  // user would take 1 s
        defer { server.shutdown() }
        let token = try login(server.port, "admin@demo.test", "demo-admin")
        let response = try tasks(server.port, token: token)
        #expect(response.status == 200)
        #expect(response.elapsed < 0.3)
        #expect(response.json["ok"] as? Bool == true)
        #expect((response.json["tasks"] as? [Any])?.isEmpty == false)
        #expect(response.header("Server-Timing")?.hasPrefix("db;dur=") == true)
    }

    @Test func singleUserQueryTakesRoughlyItsCost() throws {
        let server = try startServer()  // 1000 rows × 200 µs = 200 ms
        defer { server.shutdown() }
        let response = try tasks(server.port, token: try userToken(server.port))
        #expect(response.status == 200)
        #expect(response.elapsed >= 0.1 && response.elapsed <= 0.6)
        #expect(response.json["rows_scanned"] as? Int == 1000)
        let dbMilliseconds = response.header("Server-Timing").flatMap { Double($0.dropFirst("db;dur=".count)) }
        #expect((dbMilliseconds ?? 0) >= 190)
    }

    @Test func aOneSlotPoolMakesTheSecondQueryWait() async throws {
        let server = try startServer(poolSize: 1)  // 200 ms per query, one at a time
        defer { server.shutdown() }
        let port = server.port
        let (first, second) = (try userToken(port, 1), try userToken(port, 2))
        async let a = MiniHTTP.onThread { try tasks(port, token: first) }
        async let b = MiniHTTP.onThread { try tasks(port, token: second) }
        let slower = max(try await a.elapsed, try await b.elapsed)
        #expect(slower >= 0.3)  // ≥ 1.5 × the 200 ms cost: it queued behind the other
        #expect(slower < 2)
        #expect(server.stats().poolQueuePeak == 1)
    }

    @Test func fixedPolicyMakesUserAsFastAsAdmin() throws {
        let server = try startServer(perRow: .milliseconds(1), poolSize: 1, policy: .fixed)
        defer { server.shutdown() }
        let response = try tasks(server.port, token: try userToken(server.port))
        #expect(response.status == 200)
        #expect(response.elapsed < 0.3)
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
        _ = try MiniHTTP.request(port: server.port, "GET", "/api/me")
        let stats = server.stats()
        #expect(stats.requestCount(path: "/api/dashboard/tasks", role: "user") == 1)
        #expect(stats.requestCount(path: "/api/dashboard/tasks", role: "admin") == 2)
        #expect(stats.requestCount(path: "/api/login", role: "user") == 1)
        #expect(stats.requestCount(path: "/api/me", role: DemoStats.anonymous) == 1)
        #expect(stats.requestCount() == 6)
        #expect(stats.queriesStarted == 3 && stats.queriesCompleted == 3)
    }

    @Test func anAbandonedQueryStillRunsAndIsCounted() async throws {
        let server = try startServer(perRow: .microseconds(400))  // 400 ms
        defer { server.shutdown() }
        let token = try userToken(server.port)
        #expect(throws: MiniHTTPError.timedOut) { try tasks(server.port, token: token, timeout: 0.1) }
        // The client socket is closed when the connection object goes away, like a timed-out client.
        for _ in 0..<40 where server.stats().queriesAbandoned == 0 {
            try await Task.sleep(for: .milliseconds(50))
        }
        let stats = server.stats()
        #expect(stats.queriesAbandoned == 1)
        #expect(stats.queriesCompleted == 1)
    }

    @Test func keepAliveAndConnectionClose() throws {
        let server = try startServer()
        defer { server.shutdown() }
        let connection = try MiniConnection(port: server.port, timeout: 2)
        for _ in 0..<3 {
            #expect(try connection.send("GET", "/api/me").status == 401)
        }
        let last = try connection.send("GET", "/api/me", headers: [("Connection", "close")])
        #expect(last.header("Connection") == "close")
        #expect(connection.peerClosed())
    }

    @Test func defaultsDescribeTheDemo() {
        let options = DemoOptions()
        #expect(options.rows == 3000 && options.poolSize == 2 && options.policy == .slow)
        // Slow enough alone to look "fine", slow enough under 8 users to collapse (see report).
        #expect(options.userQueryCost > .milliseconds(1000) && options.userQueryCost < .milliseconds(1300))
        #expect(DemoOptions(policy: .fixed).userQueryCost == options.indexedQueryCost)
    }
}
