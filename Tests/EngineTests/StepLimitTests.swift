import Engine
import Metrics
import TestSupport
import Testing

/// A step's own limits (issue 13 §5): `timeout:` instead of `timeouts.request`.
@Suite("Step limits")
struct StepLimitTests {
    @Test func aStepTimeoutAppliesToThatStepOnly() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let flow = """
            continue_on_failure: true
            steps:
              - { name: quick, get: /delay/800, timeout: 200ms }
              - { name: patient, get: /delay/400 }
            """
        let p = try h.profile(
            EngineHarness.profileYAML(base: server.baseURL, vus: 1, end: "iterations: 2")
                + "timeouts: { request: 5s }\n", flow: flow)
        let s = h.run(p, workers: 1).1
        let quick = try #require(s.step("quick", role: "admin"))
        let patient = try #require(s.step("patient", role: "admin"))
        #expect(quick.errors == ["timeout": 2], "\(quick.messages)")
        #expect(quick.messages == ["timeout waiting for the first byte (200ms request timeout)": 2])
        #expect(quick.latency.max >= 199 && quick.latency.max < 700, "stopped at its own limit: \(quick.latency.max)")
        // The same handle carries the next step: it is back on the profile's 5 s.
        #expect(patient.failed == 0, "\(patient.messages)")
    }
}

/// `follow_redirects: N`: the user follows redirects itself, each hop checked against the allow-list and counted in
/// the step's time.
@Suite("Following redirects")
struct RedirectTests {
    func run(_ flow: String) throws -> (RunSummary, TestServer) {
        let server = try TestServer.start()
        let h = try EngineHarness()
        let p = try h.profile(EngineHarness.profileYAML(base: server.baseURL, vus: 1, end: "iterations: 1"), flow: flow)
        return (h.run(p, workers: 1).1, server)
    }

    @Test func hopsAreFollowedUpToTheLimitAndCounted() throws {
        let (s, server) = try run(
            """
            continue_on_failure: true
            steps:
              - { name: followed, get: /redirect/3, follow_redirects: 5, check: { status: 200 } }
              - { name: capped, get: /redirect/3, follow_redirects: 1 }
              - { name: unfollowed, get: /redirect/3 }
            """)
        defer { server.shutdown() }
        let followed = try #require(s.step("followed", role: "admin"))
        #expect(followed.failed == 0 && followed.redirects == 3, "\(followed.messages)")
        let capped = try #require(s.step("capped", role: "admin"))
        #expect(capped.failed == 0 && capped.redirects == 1, "the 3xx after the last hop is the answer")
        #expect(s.step("unfollowed", role: "admin")?.redirects == nil)
        #expect(server.requestCount(path: "/redirect/3") == 3)
        #expect(server.requestCount(path: "/redirect/0") == 1 && server.requestCount(path: "/redirect/1") == 1)
    }

    @Test func aHopOffTheAllowListIsRefusedNotSent() throws {
        let (s, server) = try run("steps:\n  - { name: away, get: /redirect-away, follow_redirects: 2 }\n")
        defer { server.shutdown() }
        let away = try #require(s.step("away", role: "admin"))
        #expect(away.errors == ["blocked": 1], "\(away.messages)")
        #expect(away.messages.keys.first?.contains("elsewhere.invalid") == true, "\(away.messages)")
    }

    @Test func seeOtherTurnsAPostIntoAGet() throws {
        let (s, server) = try run(
            """
            steps:
              - name: submit
                post: /redirect-see-other
                json: { a: 1 }
                follow_redirects: 1
                check: { json: { $.method: GET, $.body: "" } }
            """)
        defer { server.shutdown() }
        let submit = try #require(s.step("submit", role: "admin"))
        #expect(submit.failed == 0 && submit.redirects == 1, "\(submit.messages)")
    }
}

/// `spinner:` on a step, a group or a role: a modal is not a page, and a phone user gives up sooner.
@Suite("Spinner limits of their own")
struct OwnSpinnerTests {
    @Test func stepGroupAndRoleLimitsJudgeTheirWaits() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let yaml = """
            name: spinners
            target: { base_url: "\(server.baseURL)" }
            flows: [flow.yaml]
            roles:
              desk: { fields: { email: a@example.test } }
              phone: { fields: { email: b@example.test }, spinner: 100ms }
            load: { vus: 2, iterations: 2 }
            timeouts: { spinner: 3s }
            """
        let flow = """
            steps:
              - { name: modal, get: /delay/200, spinner: 150ms }
              - { name: page, get: /delay/200 }
              - group: widgets
                spinner: 50ms
                requests:
                  - { name: w1, get: /delay/120 }
            """
        let s = h.run(try h.profile(yaml, flow: flow), workers: 1).1
        #expect(s.step("modal", role: "desk")?.overSpinner == 1 && s.step("modal", role: "desk")?.spinnerMs == 150)
        #expect(s.step("modal", role: "phone")?.spinnerMs == 150, "the step's own limit wins over the role's")
        #expect(s.step("page", role: "desk")?.overSpinner == 0 && s.step("page", role: "desk")?.spinnerMs == nil)
        #expect(s.step("page", role: "phone")?.overSpinner == 1 && s.step("page", role: "phone")?.spinnerMs == 100)
        let widgets = s.groups.filter { $0.group == "widgets" }
        #expect(widgets.map(\.overSpinner) == [1, 1] && widgets.allSatisfy { $0.spinnerMs == 50 })
    }
}
