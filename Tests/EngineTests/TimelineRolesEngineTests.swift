import Engine
import Foundation
import Metrics
import Scenario
import TestSupport
import Testing

/// A real run's timeline per role: each second's active VUs, requests and failures per role add up to the second's
/// totals; the results say which machine ran the load and what the profile was, and mark where its load changed.
@Suite("Per-role timeline of a real run")
struct TimelineRolesEngineTests {
    @Test func perRolePointsAddUpToTheTotals() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let profile = try h.profile(
            EngineHarness.profileYAML(
                base: server.baseURL, vus: 4, end: "duration: 3s\n  ramp_up: 1s",
                extra: "timeouts: { request: 2s, connect: 1s, spinner: 1s }"),
            flow: "steps:\n  - name: slow\n    get: /delay/20\n")
        let (outcome, _) = h.run(profile)
        let info = outcome.info
        #expect(!info.timeline.isEmpty)
        for point in info.timeline {
            let roles = try #require(point.roles)
            #expect(roles.map(\.role) == ["admin", "user"])
            #expect(roles.reduce(0) { $0 + $1.requests } == point.requests)
            #expect(roles.reduce(0) { $0 + $1.failed } == point.failed)
            #expect(roles.reduce(0) { $0 + $1.activeVus } == point.activeVus)
            for r in roles where r.requests > 0 { #expect(r.p50 <= r.p95 && r.p95 <= r.p99 && r.p50 >= 15) }
        }
        #expect(info.timeline.contains { p in (p.roles ?? []).allSatisfy { $0.activeVus > 0 } }, "both roles ran")
        #expect(
            info.scenarios?.first?.marks?.map(\.label) == ["4 VUs", "end of load"])
        #expect(info.machine?.contains("cores") == true)
        #expect(info.profileSummary?.first?.hasPrefix("profile test: target http://127.0.0.1:") == true)
        #expect(info.stopAtSeconds == nil, "it ran its course")
    }

    @Test func aStopIsTimed() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let profile = try h.profile(
            EngineHarness.profileYAML(base: server.baseURL, vus: 2, end: "duration: 30s"),
            flow: "steps:\n  - name: ok\n    get: /delay/10\n")
        let runner = LoadRunner(plan: RunPlan(profile: profile, workers: 1, environment: [:]))
        var stopped = false
        let outcome = runner.run(onInterval: { _, elapsed in
            if elapsed >= 1, !stopped {
                stopped = true
                runner.stop()
            }
        })
        let at = try #require(outcome.info.stopAtSeconds)
        #expect(at >= 1 && at < 10, "\(at)")
        #expect(outcome.info.stopReason == "interrupted")
    }
}
