import Engine
import Foundation
import Metrics
import Scenario
import TestSupport
import Testing

@Suite("LoadRunner against a real local server")
struct LoadRunnerTests {
    @Test func countsMatchWhatTheServerReceived() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let profile = try h.profile(
            EngineHarness.profileYAML(base: server.baseURL, vus: 6, end: "iterations: 300"),
            flow: "steps:\n  - name: ok\n    get: /ok\n  - name: bytes\n    get: /bytes/512\n")
        let (outcome, summary) = h.run(profile)
        #expect(outcome.setupError == nil)
        #expect(summary.totals.requests == 600)
        #expect(summary.requests(of: "ok") == server.requestCount(path: "/ok"))
        #expect(summary.requests(of: "bytes") == server.requestCount(path: "/bytes/512"))
        #expect(server.requestCount(path: "/ok") == 300)
        #expect(summary.totals.failed == 0)
        #expect(summary.totals.iterationsCompleted == 300)
        #expect(summary.steps.first { $0.step == "bytes" }.map { $0.bytes } ?? 0 > 0)
        #expect(
            server.connectionCount <= 6,
            "one keep-alive connection per VU, like a browser (saw \(server.connectionCount))")
        let fresh = summary.steps.reduce(0) { $0 + $1.freshConnections }
        #expect(fresh == server.connectionCount)
    }

    @Test func timeoutsAreCountedAndRecordedAtTheTimeout() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let profile = try h.profile(
            EngineHarness.profileYAML(
                base: server.baseURL, vus: 4, end: "iterations: 8",
                extra: "timeouts: { request: 300ms, connect: 1s, spinner: 200ms }"),
            flow: "steps:\n  - name: slow\n    get: /delay/2000\n")
        let (_, summary) = h.run(profile)
        #expect(summary.totals.timeouts == 8)
        #expect(summary.totals.requests == 8)
        #expect(server.requestCount(path: "/delay/2000") == 8, "sent, then timed out: the server saw each one")
        let slow = summary.steps.filter { $0.step == "slow" }
        // Recorded at the 300 ms timeout, not at the server's 2 s (which a loaded machine could never stretch it to).
        #expect(slow.allSatisfy { $0.latency.p50 >= 300 && $0.latency.max < 1900 })
        #expect(slow.reduce(0) { $0 + $1.overSpinner } == 8, "a lone request past the spinner limit")
        #expect(summary.totals.iterationsFailed == 8)
    }

    @Test func classifiesHTTPErrorsUnlessACheckExpectsThem() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let flow = """
            continue_on_failure: true
            steps:
              - name: five
                get: /status/503
              - name: four
                get: /status/404
              - name: expected
                get: /status/404
                check: { status: 404 }
              - name: body
                get: /ok
                check: { body_contains: nope }
            """
        let profile = try h.profile(
            EngineHarness.profileYAML(base: server.baseURL, vus: 2, end: "iterations: 4"), flow: flow)
        let (_, s) = h.run(profile)
        let count = { (step: String, cls: String) in
            s.steps.filter { $0.step == step }.reduce(0) { $0 + ($1.errors[cls] ?? 0) }
        }
        #expect(count("five", "http5xx") == 4)
        #expect(count("four", "http4xx") == 4)
        #expect(s.steps.filter { $0.step == "expected" }.allSatisfy { $0.failed == 0 })
        #expect(count("body", "check") == 4)
        #expect(s.totals.failed == 12)
    }

    @Test func capturesFeedLaterStepsAndCookiesStayWithTheUser() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let flow = """
            steps:
              - name: login
                get: /json
                capture:
                  token: { json: $.token }
                  second: { json: "$.items[1].id" }
                  request_id: { header: X-Request-Id }
              - name: cookie
                get: /set-cookie
              - name: use
                post: /echo
                headers: { Authorization: "Bearer {{token}}" }
                json: { id: "{{second}}", who: "{{role.email}}", rid: "{{request_id}}", vu: "{{vu}}" }
                check:
                  status: 200
                  body_contains: "Bearer abc123"
              - name: needs cookie
                get: /needs-cookie
                check: { status: 200 }
            """
        let profile = try h.profile(
            EngineHarness.profileYAML(base: server.baseURL, vus: 2, end: "iterations: 6"), flow: flow)
        let (_, s) = h.run(profile)
        #expect(s.totals.failed == 0, "\(s.steps.flatMap { $0.messages.keys })")
        #expect(s.totals.iterationsCompleted == 6)
        #expect(server.requestCount(path: "/echo") == 6)
    }

    /// The jar is emptied between iterations only when a response set a cookie (the header callback notes it): a
    /// cookie set on any of the user's handles (here the second request of a group) never reaches the next
    /// iteration, and the check stays right when an iteration sets none.
    @Test func aCookieNeverOutlivesItsIteration() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let flow = """
            steps:
              - name: fresh jar
                get: /needs-cookie
                check: { status: 401 }
              - group: page
                requests:
                  - { name: plain, get: /ok }
                  - { name: cookie, get: /set-cookie }
              - name: has cookie
                get: /needs-cookie
                check: { status: 200 }
            """
        let profile = try h.profile(
            EngineHarness.profileYAML(base: server.baseURL, vus: 1, end: "iterations: 4"), flow: flow)
        let (_, s) = h.run(profile, workers: 1)
        #expect(s.totals.failed == 0, "\(s.steps.flatMap { $0.messages.keys })")
        #expect(s.totals.iterationsCompleted == 4)
    }

    @Test func aParallelGroupTakesAsLongAsItsSlowestRequest() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let flow = """
            steps:
              - group: dashboard
                requests:
                  - { name: a, get: /delay/300 }
                  - { name: b, get: /delay/300 }
                  - { name: c, get: /delay/300 }
            """
        let profile = try h.profile(
            EngineHarness.profileYAML(
                base: server.baseURL, vus: 2, end: "iterations: 4", extra: "timeouts: { spinner: 250ms }"),
            flow: flow)
        let (_, s) = h.run(profile)
        let groups = s.groups.filter { $0.group == "dashboard" }
        #expect(groups.reduce(0) { $0 + $1.count } == 4)
        #expect(
            groups.allSatisfy { $0.time.p50 >= 300 && $0.time.p50 < 900 },
            "parallel (a sequence takes ≥ 900 ms): \(groups.map(\.time))")
        #expect(groups.reduce(0) { $0 + $1.overSpinner } == 4)
        #expect(server.requestCount() == 12)
    }

    @Test func refusesHostsOutsideTheAllowList() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        // 127.0.0.2 is loopback too, so even a bug could not send traffic off this machine.
        let env = ["OTHER": "http://127.0.0.2:\(server.port)"]
        let profile = try h.profile(
            EngineHarness.profileYAML(base: server.baseURL, vus: 1, end: "iterations: 2"),
            flow: "steps:\n  - name: elsewhere\n    get: \"{{env.OTHER}}/ok\"\n", environment: env)
        let (_, s) = h.run(profile, environment: env)
        #expect(s.steps.reduce(0) { $0 + ($1.errors["blocked"] ?? 0) } == 2)
        #expect(server.requestCount() == 0)
    }

    @Test func stopsGracefullyAndKeepsWhatWasMeasured() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let profile = try h.profile(
            EngineHarness.profileYAML(base: server.baseURL, vus: 4, end: "duration: 30s"),
            flow: "steps:\n  - name: ok\n    get: /delay/20\n")
        let runner = LoadRunner(plan: RunPlan(profile: profile, workers: 2, environment: [:]))
        // Stop once the load is under way (the server has seen it), however long a loaded machine took to start it.
        let stopper = Thread {
            _ = Wait.until { server.requestCount() > 30 }
            runner.stop()
        }
        stopper.start()
        let start = Date()
        let outcome = runner.run()
        let summary = outcome.saved.summary
        #expect(Date().timeIntervalSince(start) < 25, "stopped long before the 30 s the profile asks for")
        #expect(summary.run.stopReason == "interrupted")
        #expect(summary.totals.requests > 20)
        #expect(summary.totals.requests + summary.totals.requestsInterrupted == server.requestCount())
    }

    @Test func aDurationRunEndsOnTime() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let profile = try h.profile(
            EngineHarness.profileYAML(base: server.baseURL, vus: 3, end: "duration: 1500ms\n  ramp_up: 500ms"),
            flow: "steps:\n  - name: ok\n    get: /ok\n  - think: 10ms..30ms\n")
        let start = Date()
        let (_, s) = h.run(profile)
        let took = Date().timeIntervalSince(start)
        #expect(took >= 1.4 && took < 15, "took \(took)s")
        #expect(s.run.stopReason == "completed")
        #expect(s.totals.requests == server.requestCount(path: "/ok"))
        #expect(s.totals.requests > 20)
        #expect(Set(s.steps.map(\.role)) == ["admin", "user"])
    }
}
