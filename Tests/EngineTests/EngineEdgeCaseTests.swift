import Engine
import Foundation
import Metrics
import Scenario
import TestSupport
import Testing

/// Cases a review found or that guard the state machine's corners.
@Suite("Engine edge cases")
struct EngineEdgeCaseTests {
    @Test func severalRefusedRequestsInOneGroupDoNotDisturbTheSteps() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let env = ["OTHER": "http://127.0.0.2:\(server.port)"]  // loopback, refused by the allow-list
        let flow = """
            continue_on_failure: true
            steps:
              - group: elsewhere
                requests:
                  - { name: x, get: "{{env.OTHER}}/ok" }
                  - { name: y, get: "{{env.OTHER}}/ok" }
              - { name: s1, get: /ok }
              - { name: s2, get: /ok }
              - { name: s3, get: /ok }
            """
        let profile = try h.profile(
            EngineHarness.profileYAML(base: server.baseURL, vus: 1, end: "iterations: 3"), flow: flow, environment: env)
        let (_, s) = h.run(profile, environment: env)
        #expect(s.totals.errors["blocked"] == 6)
        #expect(server.requestCount(path: "/ok") == 9)
        #expect(s.totals.failed == 6, "\(s.steps.map { ($0.step, $0.messages) })")
    }

    @Test func theLastIterationRunsItsCourseWhenTheBudgetIsSpent() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let profile = try h.profile(
            EngineHarness.profileYAML(base: server.baseURL, vus: 1, end: "iterations: 1\n  graceful_stop: 100ms"),
            flow: "steps:\n  - { name: a, get: /ok }\n  - think: 400ms\n  - { name: b, get: /delay/200 }\n")
        let start = Date()
        let (_, s) = h.run(profile)
        #expect(Date().timeIntervalSince(start) >= 0.55, "the think time and the slow step were not cut")
        #expect(s.totals.iterationsCompleted == 1)
        #expect(s.totals.requests == 2)
        #expect(s.totals.requestsInterrupted == 0)
    }

    @Test func requestsBeyondTheInFlightCapWaitTheirTurnAndAllArrive() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let flow = """
            steps:
              - group: page
                requests:
                  - { name: a, get: /delay/50 }
                  - { name: b, get: /delay/50 }
                  - { name: c, get: /delay/50 }
            """
        let profile = try h.profile(
            EngineHarness.profileYAML(base: server.baseURL, vus: 6, end: "iterations: 12"), flow: flow)
        let plan = RunPlan(profile: profile, workers: 2, environment: [:], maxInFlightPerWorker: 2)
        let outcome = LoadRunner(plan: plan).run()
        let s = outcome.saved.summary
        #expect(s.totals.requests == 36)
        #expect(server.requestCount(path: "/delay/50") == 36)
        #expect(s.totals.failed == 0)
        // Waiting for room counts in what the user experienced: with 2 in flight per worker a group takes longer.
        #expect(s.groups.allSatisfy { $0.time.max >= 100 })
    }
}

/// The concurrency a run reached, not only the VUs it allocated (issue 13 §5).
@Suite("Concurrency reached")
struct ConcurrencyReachedTests {
    @Test func aSlowArrivalRateOnManyVUsReachesFew() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        // 4 arrivals a second, each done in 20 ms: one user at a time, of 8 allocated.
        let yaml = """
            name: reached
            target: { base_url: "\(server.baseURL)" }
            flows: [flow.yaml]
            load:
              executor: constant-arrival-rate
              rate: 4/s
              duration: 1s
              max_vus: 8
            """
        let sparse = try h.profile(yaml, flow: "steps:\n  - get: /delay/20\n")
        let (outcome, summary) = h.run(sparse, workers: 1)
        #expect(outcome.info.vus == 8 && outcome.info.concurrencyReached == 1, "\(summary.totals.requests) requests")
        let busy = try h.profile(
            EngineHarness.profileYAML(base: server.baseURL, vus: 3, end: "iterations: 9"),
            flow: "steps:\n  - get: /delay/100\n")
        #expect(h.run(busy, workers: 1).0.info.concurrencyReached == 3, "three users waiting at once")
    }
}

/// The HTTP version each response came over is in the results (issue 13 §5).
@Suite("HTTP version in the results")
struct HTTPVersionResultTests {
    @Test func responsesAreCountedByTheirHTTPVersion() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let p = try h.profile(
            EngineHarness.profileYAML(base: server.baseURL, vus: 1, end: "iterations: 3"),
            flow: "steps:\n  - { name: page, get: /ok }\n")
        let step = try #require(h.run(p, workers: 1).1.step("page", role: "admin"))
        #expect(step.httpVersions == ["1.1": 3])
    }
}

/// Every request says it is Rehearsal (staging logs can tell load from people), unless the flow says otherwise.
@Suite("Default User-Agent")
struct UserAgentTests {
    @Test func rehearsalAndLibcurlUnlessTheFlowSetsOne() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        #expect(RunPlan.userAgent.hasPrefix("Rehearsal/\(RehearsalVersion.current) libcurl/"))
        let flow = """
            continue_on_failure: true
            steps:
              - name: default
                get: /echo
                check: { json: { "$.headers['user-agent']": "\(RunPlan.userAgent)" } }
              - name: own
                get: /echo
                headers: { User-Agent: "Mozilla/5.0 (test)" }
                check: { json: { "$.headers['user-agent']": "Mozilla/5.0 (test)" } }
            """
        let p = try h.profile(EngineHarness.profileYAML(base: server.baseURL, vus: 1, end: "iterations: 1"), flow: flow)
        let s = h.run(p, workers: 1).1
        #expect(s.totals.requests == 2 && s.totals.failed == 0, "\(s.steps.map(\.messages))")
    }
}
