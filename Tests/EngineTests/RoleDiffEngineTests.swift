import Engine
import Foundation
import Metrics
import Scenario
import TestSupport
import Testing
import Verdicts

/// The role diff of a real run against a server with set delays per role.
@Suite("Role diff of a real run")
struct RoleDiffEngineTests {
    @Test func namesTheSlowStepAndItsServerTime() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let profile = try h.profile(
            """
            name: roles
            target: { base_url: \(server.baseURL) }
            flows: [flow.yaml]
            roles:
              admin: { fields: { delay: "20" } }
              user: { fields: { delay: "80" } }
            load: { vus: 4, iterations: 120 }
            """,
            flow: """
                steps:
                  - group: page
                    requests:
                      - { name: me, get: /delay/5 }
                      - { name: tasks, get: "/server-timing/{{role.delay}}" }
                """)
        let (outcome, _) = h.run(profile, workers: 1)
        let diff = try #require(RoleDiff.judge(outcome.saved, base: "admin"))
        let page = try #require(diff.findings.first { $0.kind == .group })
        #expect(page.role == "user" && page.verdict == .slower)
        let why = try #require(page.explainedBy)
        #expect(why.step == "page › tasks")
        #expect(why.cause == .serverTime)
        #expect(abs((why.contributors["db"] ?? 0) - 60) < 1, "the server said 80 − 20 ms: \(why.contributors)")
        // True ratio of the waits: (80 + overhead) / (20 + overhead), overhead a few ms on loopback.
        let p95 = try #require(page.percentile("p95"))
        let (low, high) = (try #require(p95.low), try #require(p95.high))
        #expect(low <= 4.0 && high >= 2.5, "\(low)–\(high)")
    }
}
