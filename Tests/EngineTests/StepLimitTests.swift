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
