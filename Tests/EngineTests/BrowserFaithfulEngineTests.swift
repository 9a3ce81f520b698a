import Engine
import Foundation
import Metrics
import Scenario
import TestSupport
import Testing

/// The engine sends what a browser would and measures what its user waits for.
@Suite("Browser-faithful engine")
struct BrowserFaithfulEngineTests {
    private static func group(_ count: Int, path: String) -> String {
        "steps:\n  - group: page\n    requests:\n"
            + (0..<count).map { "      - { name: r\($0), get: \(path) }\n" }.joined()
    }

    @Test func aGroupOfTenUsesAtMostSixConnectionsAndTheQueueIsWaited() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let profile = try h.profile(
            EngineHarness.profileYAML(base: server.baseURL, vus: 1, end: "iterations: 1"),
            flow: Self.group(10, path: "/knee/0/300"))
        let (_, s) = h.run(profile, workers: 1)
        #expect(s.totals.requests == 10)
        #expect(s.totals.failed == 0)
        #expect(server.connectionCount <= 6, "connections: \(server.connectionCount)")
        #expect(server.peakConcurrency == 6, "at most 6 at once at the server")
        let wait = try #require(s.groups.first).time
        #expect(wait.max >= 580, "two rounds of 300 ms: the user waited for the queue (\(wait.max) ms)")
        let queued = s.steps.compactMap { $0.phases["queue"] }.map(\.max).max() ?? 0
        #expect(queued >= 250, "the last four queued for a connection: \(queued) ms")
    }

    @Test func theCapIsAProfileSetting() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let yaml = EngineHarness.profileYAML(base: server.baseURL, vus: 1, end: "iterations: 1")
            .replacingOccurrences(of: "  base_url:", with: "  max_connections_per_host: 0\n  base_url:")
        // Each request holds the server for a second: without a cap all ten are there at once.
        let profile = try h.profile(yaml, flow: Self.group(10, path: "/knee/0/1000"))
        let (_, s) = h.run(profile, workers: 1)
        #expect(s.totals.requests == 10)
        #expect(server.connectionCount == 10, "no cap: one connection per request")
        #expect(server.peakConcurrency == 10, "all ten at once at the server")
    }

    @Test func compressedResponsesAreDecodedAndTheirWireBytesRecorded() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let flow = "steps:\n  - { name: list, get: /gzip/50000, check: { body_contains: \"task\" } }\n"
        let profile = try h.profile(
            EngineHarness.profileYAML(base: server.baseURL, vus: 1, end: "iterations: 2"), flow: flow)
        let (_, s) = h.run(profile, workers: 1)
        let step = try #require(s.steps.first)
        #expect(step.failed == 0, "\(step.messages)")
        #expect(step.bytes == 100_000, "decoded bytes")
        let wire = try #require(step.wireBytes)
        #expect(wire > 0 && wire < 10_000, "compressed bytes on the wire: \(wire)")
    }

    @Test func aGroupWiderThanAThousandRequestsKeepsEveryResponseApart() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        // Requests 1,024 and on of one user's group once landed on another user (tags packed in 10 bits). One role
        // (no roles: anonymous) and one user keep the run to 1,030 series.
        let yaml =
            "name: wide\ntarget: { base_url: \(server.baseURL) }\nflows: [flow.yaml]\nload: { vus: 1, iterations: 1 }\n"
        let profile = try h.profile(yaml, flow: Self.group(1_030, path: "/ok"))
        let (_, s) = h.run(profile, workers: 1)
        #expect(s.totals.requests == 1_030)
        #expect(s.totals.failed == 0)
        #expect(s.totals.iterationsCompleted == 1)
        #expect(s.groups.reduce(0) { $0 + $1.count } == 1)
        #expect(server.requestCount(path: "/ok") == 1_030)
    }
}
