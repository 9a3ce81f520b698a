import Foundation
import Metrics
import Scenario
import Secrets
import Testing
import Transport

@testable import Engine

/// The virtual user as a state machine, driven by a scripted transport: no sockets, no clocks.
@Suite("Virtual user state machine")
struct VirtualUserTests {
    /// A user of the first scenario of `flow`, with its context, and an outbox.
    private struct Script {
        var user: VirtualUser
        let context: UserContext
        var out = VUOutbox()

        init(flow: String, perOrigin: Int = 6, environment: [String: String] = [:]) throws {
            let h = try EngineHarness()
            let profile = try h.profile(
                EngineHarness.profileYAML(base: "http://127.0.0.1:9", vus: 1, end: "iterations: 1"), flow: flow,
                environment: environment)
            let plan = RunPlan(profile: profile, workers: 1, environment: environment, seed: 7)
            context = UserContext(plan: plan, proxyPorts: [])
            user = VirtualUser(
                number: 1, role: 0, scenario: 0, indexInScenario: 0, flows: plan.scenarios[0].flows,
                account: ["email": "admin@example.test"], slots: plan.maxParallelRequests, emulatedRTT: 0, seed: 7,
                connectionsPerOrigin: perOrigin)
        }

        /// Takes what the last call asked for and measured.
        mutating func take() -> (actions: [VUAction], results: [VUResult]) {
            defer { out.clear() }
            return (out.actions, out.results)
        }

        mutating func begin(at now: UInt64) -> [VUAction] {
            user.begin(now: now, scheduled: now, context: context, into: &out)
            return take().actions
        }

        mutating func respond(
            _ slot: Int, at now: UInt64, status: Int = 200, body: String = "", httpVersion: String = "1.1"
        ) -> (actions: [VUAction], results: [VUResult]) {
            var result = TransferResult(status: status, bodyBytes: body.utf8.count, body: Array(body.utf8))
            result.httpVersion = httpVersion
            user.complete(
                slot: slot, result: result, sentAt: now, now: now, context: context, secrets: SecretMask(), into: &out)
            return take()
        }
    }

    private static func sends(_ actions: [VUAction]) -> [(slot: Int, request: HTTPRequest)] {
        actions.compactMap { if case .send(let slot, let request) = $0 { (slot, request) } else { nil } }
    }

    @Test func walksStepsCarriesCapturesAndWaitsItsThinkTime() throws {
        var s = try Script(
            flow: """
                steps:
                  - { name: login, post: /login, capture: { token: { json: $.token } } }
                  - think: 2s
                  - group: dashboard
                    requests:
                      - { name: a, get: /a, headers: { Authorization: "Bearer {{token}}" } }
                      - { name: b, get: "/b?who={{role.email}}" }
                """)
        let first = Self.sends(s.begin(at: 1_000))
        #expect(first.map(\.request.url) == ["http://127.0.0.1:9/login"])
        #expect(first.first?.request.method == "POST")
        let afterLogin = s.respond(0, at: 51_000_000, body: #"{"token":"t0k3n"}"#)
        let records = afterLogin.results.compactMap { if case .request(let r) = $0 { r } else { nil } }
        let login = try #require(records.first)
        let learned = afterLogin.results.compactMap { if case .secret(let v) = $0 { v } else { nil } }
        #expect(learned == ["t0k3n"], "a token captured for an Authorization header is a secret from now on")
        #expect(login.sample.totalMicros == 50_999)
        #expect(login.sample.error == nil)
        guard case .wake(let at) = try #require(afterLogin.actions.first) else {
            Issue.record("no think")
            return
        }
        #expect(at == 51_000_000 + 2_000_000_000, "a fixed think time of 2 s, no clock read")
        s.user.resume(now: at, context: s.context, into: &s.out)
        let group = Self.sends(s.take().actions)
        #expect(group.count == 2)
        #expect(group[0].request.headerLines.contains("Authorization: Bearer t0k3n"))
        #expect(group[1].request.url == "http://127.0.0.1:9/b?who=admin@example.test")
        #expect(s.respond(1, at: at + 30_000_000).actions.isEmpty, "the group waits for its slowest request")
        let end = s.respond(0, at: at + 80_000_000)
        let groups = end.results.compactMap { if case .group(let g) = $0 { g } else { nil } }
        #expect(groups.map(\.waitedMicros) == [80_000])
        let iteration = end.results.compactMap { if case .iterationEnded(let i) = $0 { i } else { nil } }.first
        #expect(iteration?.failed == false)
        #expect(
            iteration?.requests.map(\.startMicros) == [0, 2_050_999, 2_050_999],
            "began at 1 µs; the group 2.051 s later")
        let traces = iteration?.requests.compactMap(\.trace) ?? []
        #expect(traces.count == 3 && Set(traces.map(\.traceID)).count == 1, "one trace per iteration")
        #expect(Set(traces.map(\.span)).count == 3, "a span per request")
        #expect(end.actions.contains { if case .iterationEnded = $0 { true } else { false } })
    }

    @Test func aFailedCheckEndsTheIteration() throws {
        var s = try Script(flow: "steps:\n  - { name: a, get: /a, check: { status: 200 } }\n  - { name: b, get: /b }\n")
        _ = s.begin(at: 0)
        let done = s.respond(0, at: 1_000_000, status: 503)
        guard case .request(let r) = try #require(done.results.first) else {
            Issue.record("no record")
            return
        }
        #expect(r.sample.error == .check)
        #expect(Self.sends(done.actions).isEmpty, "step b is never sent")
        #expect(done.results.contains { if case .iterationEnded(let i) = $0 { i.failed } else { false } })
    }

    @Test func aHostOutsideTheAllowListIsRefusedNotSent() throws {
        var s = try Script(
            flow: "steps:\n  - { name: a, get: \"{{env.ELSEWHERE}}/x\" }\n",
            environment: ["ELSEWHERE": "http://127.0.0.2:9"])
        let actions = s.begin(at: 0)
        guard case .refuse(_, let failure) = try #require(actions.first) else {
            Issue.record("sent")
            return
        }
        #expect(failure.kind == .blocked)
    }

    @Test func aWideGroupQueuesBehindSixConnectionsUntilHTTP2IsSeen() throws {
        let requests = (0..<8).map { "      - { name: r\($0), get: /r\($0) }\n" }.joined()
        var s = try Script(
            flow: "steps:\n  - group: page\n    requests:\n" + requests + "  - group: again\n    requests:\n"
                + requests.replacingOccurrences(of: "name: r", with: "name: s"))
        #expect(Self.sends(s.begin(at: 0)).map(\.slot) == Array(0..<6), "6 at once, 2 queued")
        #expect(Self.sends(s.respond(3, at: 10).actions).map(\.slot) == [6])
        #expect(Self.sends(s.respond(0, at: 20, httpVersion: "2").actions).map(\.slot) == [7], "h2 lifts the limit")
        for slot in [1, 2, 4, 5, 6] { _ = s.respond(slot, at: 30, httpVersion: "2") }
        let next = s.respond(7, at: 40, httpVersion: "2")
        #expect(Self.sends(next.actions).count == 8, "the origin multiplexes: the next group goes out at once")
    }

    @Test func thinkTimesAreDrawnFromTheRunsSeed() throws {
        let flow = "steps:\n  - think: 1s..5s\n  - { name: a, get: /a }\n"
        var one = try Script(flow: flow)
        var two = try Script(flow: flow)
        #expect(one.begin(at: 0).description == two.begin(at: 0).description)
    }
}
