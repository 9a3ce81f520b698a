import Engine
import Foundation
import Metrics
import Scenario
import TestSupport
import Testing

/// What a run records to explain itself: `traceparent` on the wire, the server's timings, trace IDs of the
/// slowest requests, waterfalls.
@Suite("Diagnosis recorded by the engine")
struct DiagnosisEngineTests {
    static let flow = """
        steps:
          - { name: login, get: /ok }
          - group: page
            requests:
              - { name: fast, get: /server-timing/5 }
              - { name: slow, get: /server-timing/60 }
        """

    @Test func everyRequestCarriesATraceparentOneTracePerIteration() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let profile = try h.profile(
            EngineHarness.profileYAML(base: server.baseURL, vus: 2, end: "iterations: 6"), flow: Self.flow)
        let (_, s) = h.run(profile, workers: 1)
        #expect(s.totals.requests == 18)
        let headers = server.traceParents
        #expect(headers.count == 18)
        let pattern = try Regex("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$")
        #expect(headers.allSatisfy { $0.wholeMatch(of: pattern) != nil }, "\(headers.prefix(3))")
        let traces = Set(headers.map { $0.split(separator: "-")[1] })
        let spans = Set(headers.map { $0.split(separator: "-")[2] })
        #expect(traces.count == 6, "one trace per iteration")
        #expect(spans.count == 18, "one span per request")
        // The slowest requests' trace IDs are in summary.json, and they are trace IDs the server saw.
        let slow = try #require(s.steps.first { $0.step == "slow" }?.exemplars)
        #expect(!slow.slowest.isEmpty)
        #expect(slow.slowest.allSatisfy { e in traces.contains(Substring(e.traceId ?? "")) })
    }

    @Test func traceIsOffWhenAskedAndAFlowsOwnIsKept() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let own = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
        let flow =
            "steps:\n  - { name: a, get: /ok }\n  - { name: b, get: /ok, headers: { traceparent: \"\(own)\" } }\n"
        let off = EngineHarness.profileYAML(base: server.baseURL, vus: 1, end: "iterations: 1")
            .replacingOccurrences(of: "  base_url:", with: "  trace: false\n  base_url:")
        _ = h.run(try h.profile(off, flow: flow), workers: 1)
        #expect(server.traceParents == [own], "off: only the flow's own")
        let on = EngineHarness.profileYAML(base: server.baseURL, vus: 1, end: "iterations: 1")
        _ = h.run(try h.profile(on, flow: flow), workers: 1)
        #expect(server.traceParents.count == 3 && server.traceParents.last == own, "on: ours, then the flow's own")
    }

    @Test func serverTimingIsKeptPerStepAndInTheWaterfalls() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let profile = try h.profile(
            EngineHarness.profileYAML(base: server.baseURL, vus: 2, end: "iterations: 8"), flow: Self.flow)
        let (_, s) = h.run(profile, workers: 1)
        let slow = try #require(s.steps.first { $0.step == "slow" && ($0.serverTiming?.isEmpty == false) })
        let db = try #require(slow.serverTiming?["db"])
        #expect(db.p50 == 60, "the server's own 60 ms, exactly as it said")
        #expect(slow.serverTiming?["cache"] == nil, "a metric without a duration has no histogram")
        #expect(slow.latency.p50 >= 60)
        let waterfalls = try #require(s.waterfalls)
        // 4 iterations per role: all among the slowest 5, so no "ordinary" one is shown twice.
        #expect(waterfalls.filter { $0.kind == .slowest }.count == 8)
        #expect(!waterfalls.contains { $0.kind == .sampled })
        let iteration = try #require(waterfalls.first)
        #expect(Set(iteration.requests.map(\.step)) == ["login", "fast", "slow"])
        let slowRequest = try #require(iteration.requests.first { $0.step == "slow" })
        #expect(slowRequest.serverTiming?["db"] == 60)
        #expect(slowRequest.group == "page")
        #expect(slowRequest.startMs >= 0 && slowRequest.totalMs >= 60)
        #expect(Set(iteration.requests.compactMap(\.traceId)).count == 1)
        // Bounded: per role at most the slowest 5 and 3 ordinary ones, whatever the run length.
        for role in ["admin", "user"] {
            #expect(waterfalls.filter { $0.role == role && $0.kind == .slowest }.count <= IterationTraces.keepSlowest)
        }
    }
}
