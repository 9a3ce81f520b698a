import Engine
import Foundation
import Metrics
import Scenario
import TestSupport
import Testing

/// Issue 13 §4: a captured (or environment) value holding CR/LF would inject a header line; the request is never
/// sent, and fails as `invalid` ("invalid request").
@Suite struct HeaderInjectionTests {
    @Test func aCapturedLineBreakNeverReachesTheWire() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let env = ["SAFE": "plain", "EVIL": "x\r\nX-Env-Injected: yes"]
        let flow = """
            continue_on_failure: true
            steps:
              - name: source
                get: /echo?v=abc%0D%0AX-Injected:%20yes
                capture: { v: { json: $.query.v } }
              - { name: captured, get: /echo, headers: { X-Test: "{{v}}" } }
              - { name: environment, get: /echo, headers: { X-Env: "{{env.EVIL}}" } }
              - { name: fine, get: /echo, headers: { X-Safe: "{{env.SAFE}}" } }
            """
        let profile = try h.profile(
            EngineHarness.profileYAML(base: server.baseURL, vus: 1, end: "iterations: 2"), flow: flow, environment: env)
        let (_, s) = h.run(profile, environment: env)
        #expect(s.totals.errors["invalid"] == 4, "\(s.totals.errors)")
        for name in ["captured", "environment"] {
            let step = try #require(s.step(name, role: "admin") ?? s.step(name, role: "user"))
            #expect(step.errors["invalid"] ?? 0 >= 1)
            #expect(step.messages.keys.allSatisfy { $0.hasPrefix("invalid request: header X-") }, "\(step.messages)")
            #expect(step.messages.keys.allSatisfy { !$0.contains("Injected") }, "no value is quoted")
        }
        // Only `source` and `fine` went out: two per iteration.
        #expect(server.requestCount(path: "/echo") == 4)
        #expect(s.requests(of: "fine") == 2 && s.totals.failed == 4)
    }
}
