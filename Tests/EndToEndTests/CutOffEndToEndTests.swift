import Foundation
import TestSupport
import Testing

/// The verdict is never better than the truth (issue 13 §3): a request still waiting when the run ends is counted
/// (`cut_off`), fails the thresholds and shows in the findings, instead of vanishing.
@Suite("requests cut off at the end of a run")
struct CutOffEndToEndTests {
    @Test func aHungRequestFailsTheGate() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let ws = try Workspace()
        defer { ws.remove() }
        // The request timeout (30 s) is far away: only the end of the run (3 s + 1 s graceful stop) stops the wait.
        let profile = """
            name: hang
            target: { base_url: "\(server.baseURL)" }
            flows: [flow.yaml]
            load: { vus: 1, duration: 3s, graceful_stop: 1s }
            timeouts: { request: 30s, connect: 2s, spinner: 2s }
            thresholds:
              - error_rate < 1%
              - timeouts == 0
            """
        let path = try ws.write(profile: profile, flow: "steps:\n  - { name: hang, get: /delay/60000 }\n")
        let run = try RehearseBinary.run(["run", path, "--out", ws.results.path], timeout: .seconds(30))
        #expect(run.status == 99, "the thresholds fail\n\(run.transcript)")
        #expect(run.stdout.contains("✗ error_rate < 1%") && run.stdout.contains("✗ timeouts == 0"), "\(run.transcript)")
        #expect(run.stdout.contains("still waiting for a response when the run ended"), "\(run.transcript)")
        #expect(run.stdout.contains("cut off 1"), "the headline counts it\n\(run.transcript)")
        #expect(!run.stdout.contains("No wait crossed"), "a 4 s wait crossed the 2 s spinner limit\n\(run.transcript)")
        let summary = try ws.summary()
        let totals = try #require(summary.object("totals"))
        #expect(totals["requests"] as? Int == 1 && totals["failed"] as? Int == 1, "\(totals)")
        #expect((totals["errors"] as? [String: Int]) == ["cut_off": 1], "\(totals)")
        #expect(totals["requests_interrupted"] as? Int == 1)
        let step = try #require((summary["steps"] as? [[String: Any]])?.first)
        let latency = try #require(step["latency"] as? [String: Any])
        // Recorded at what it had waited: from its start (just after 0 s) to the hard stop at 3 s + 1 s.
        let max = try #require(latency["max"] as? Double)
        #expect(max >= 3_500 && max < 10_000, "recorded as a lower bound of its wait: \(max) ms")
        #expect(step["over_spinner"] as? Int == 1)
    }
}
