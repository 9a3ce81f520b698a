import Foundation
import TestSupport
import Testing

/// `rehearse knee` against a server whose latency jumps past a known concurrency.
@Suite struct KneeEndToEndTests {
    static let flow = "steps:\n  - { name: list, get: /knee/3/600 }\n"

    static func profile(_ base: String) -> String {
        """
        name: knee
        target: { base_url: \(base) }
        flows: [flow.yaml]
        roles:
          admin: { fields: { email: a@example.test } }
          user: { fields: { email: u@example.test } }
        load: { vus: 1, duration: 1s }
        timeouts: { request: 5s, connect: 2s, spinner: 300ms }
        """
    }

    @Test func findsTheLevelWhereTheServerQueuesAndStopsEarly() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let w = try Workspace()
        defer { w.remove() }
        let path = try w.write(profile: Self.profile(server.baseURL), flow: Self.flow)
        let out = try RehearseBinary.run(
            ["knee", path, "--vus", "1..16", "--level", "2s", "--warmup", "1s", "--out", w.results.path, "-q"],
            timeout: .seconds(60))
        #expect(out.status == 0, "\(out.transcript)")
        let knee = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: try w.runFolder().appendingPathComponent("knee.json"))) as? [String: Any])
        let roles = try #require(knee["roles"] as? [[String: Any]])
        // The server queues past 3 requests in flight: 2 VUs are fast, 4 are slow (±1 level: 2, 4 or 8).
        for role in roles {
            let crossed = try #require(role["crossed_at"] as? Double, "\(role)")
            #expect([4, 8].contains(crossed), "\(role)")
        }
        #expect(knee["stopped_early"] as? Bool == true, "both roles crossed: 16 VUs never ran")
        #expect((knee["levels"] as? [Any])?.count ?? 0 < 5)
        #expect(out.stdout.contains("✗ user crosses at"), "\(out.transcript)")
        #expect(out.stdout.contains("safe up to"), "\(out.transcript)")
        #expect(try w.summary()["steps"] != nil, "a normal run folder too")
    }

    @Test func badRangesAreBadInputBeforeAnythingIsSent() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let w = try Workspace()
        defer { w.remove() }
        let path = try w.write(profile: Self.profile(server.baseURL), flow: Self.flow)
        for (args, message) in [
            (["--vus", "8..2"], "empty or decreasing"), (["--vus", "4,2"], "increasing"),
            (["--vus", "1..4", "--rate", "1..4"], "exactly one"), (["--vus", "1..4", "--level", "1s"], "warm-up"),
            (["--vus", "1..4", "--level", "2.5s"], "whole seconds"), (["--vus", "0..4"], "empty or decreasing"),
        ] {
            let out = try RehearseBinary.run(["knee", path] + args + ["--out", w.results.path])
            #expect(out.status == 2, "\(args): \(out.transcript)")
            #expect(out.stderr.contains(message), "\(args): \(out.transcript)")
        }
        #expect(server.requestCount() == 0, "nothing was sent")
    }
}
