import Engine
import Foundation
import Metrics
import Scenario
import TestSupport
import Testing

/// Step URLs joined to the base URL as the README documents: a path is appended to the base URL's path.
@Suite("Step URLs through the engine")
struct StepURLTests {
    @Test func pathsAreAppendedToTheBasePathWrittenOrRendered() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let environment = ["REL": "/rendered", "BARE": "bare", "ABS": server.baseURL + "/absolute"]
        let flow = """
            continue_on_failure: true
            steps:
              - { name: written, get: /written }
              - { name: templated, get: "/t/{{env.BARE}}" }
              - { name: rel, get: "{{env.REL}}" }
              - { name: bare, get: "{{env.BARE}}" }
              - { name: abs, get: "{{env.ABS}}" }
            """
        let h = try EngineHarness()
        let profile = try h.profile(
            EngineHarness.profileYAML(base: server.baseURL + "/api/", vus: 1, end: "iterations: 1"), flow: flow,
            environment: environment)
        let (_, summary) = h.run(profile, workers: 1, environment: environment)
        for path in ["/api/written", "/api/t/bare", "/api/rendered", "/api/bare", "/absolute"] {
            #expect(server.requestCount(path: path) == 1, "\(path): \(summary.steps.map { ($0.step, $0.messages) })")
        }
        #expect(server.requestCount() == 5)
    }
}
