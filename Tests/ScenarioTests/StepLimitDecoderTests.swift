import Foundation
import Scenario
import TestSupport
import Testing

/// The flow keys of a step's own limits: `timeout:`, `spinner:` (also on a group and a role) and
/// `follow_redirects:` (issue 13 §5).
@Suite("Step limits in flows")
struct StepLimitDecoderTests {
    @Test func stepsAndGroupsTakeTheirOwnLimits() throws {
        let flow = try decodeFlow(
            """
            steps:
              - { get: /a, timeout: 2s, spinner: 500ms, follow_redirects: 3 }
              - group: page
                spinner: 1s
                requests:
                  - get: /b
            """)
        let first = try #require(onlyRequest(Flow(name: "f", steps: [flow.steps[0]])))
        #expect(first.timeout == .seconds(2) && first.spinner == .milliseconds(500) && first.followRedirects == 3)
        guard case .group(let group) = flow.steps[1] else {
            Issue.record("expected a group")
            return
        }
        #expect(group.spinner == .seconds(1) && group.requests[0].timeout == nil)
    }

    @Test func badLimitsSayWhatIsExpected() {
        let many = scenarioError { try decodeFlow("steps:\n  - { get: /a, follow_redirects: 50 }\n") }
        #expect(
            many?.message == "follow_redirects must be from 0 to 20, found 50" && many?.line == 2,
            "\(String(describing: many))")
        let zero = scenarioError { try decodeFlow("steps:\n  - { get: /a, timeout: 0s }\n") }
        #expect(
            zero?.message == "must be longer than 0s" && zero?.field == "steps[0].timeout",
            "\(String(describing: zero))")
        let typo = scenarioError { try decodeFlow("steps:\n  - { get: /a, timout: 1s }\n") }
        #expect(typo?.hint?.contains("timeout") == true, "did you mean: \(String(describing: typo))")
        let group = scenarioError {
            try decodeFlow("steps:\n  - group: g\n    spinner: fast\n    requests: [ { get: /a } ]\n")
        }
        #expect(group?.field == "steps[0].spinner", "\(String(describing: group))")
    }

    @Test func aRoleTakesItsOwnSpinner() throws {
        let folder = try TemporaryFolder("limits")
        defer { folder.remove() }
        try "steps:\n  - get: /a\n".write(
            to: folder.url.appendingPathComponent("flow.yaml"), atomically: true, encoding: .utf8)
        let path = folder.url.appendingPathComponent("p.yaml")
        try """
        name: p
        target: { base_url: "http://127.0.0.1:9" }
        flows: [flow.yaml]
        roles:
          phone: { fields: { email: a@example.test }, spinner: 1500ms }
        load: { vus: 1, iterations: 1 }
        """.write(to: path, atomically: true, encoding: .utf8)
        let profile = try ProfileLoader(environment: [:]).load(path: path.path)
        #expect(profile.roles.first?.spinner == .milliseconds(1500))
    }
}
