import Engine
import Foundation
import Metrics
import Scenario
import TestSupport
import Testing

/// The engine through the network-emulation proxy: round trips land where a user pays them.
/// Tolerances: a few ms under each RTT would be a bug; tens of ms over it is a busy 2-core machine.
@Suite("Network emulation through the engine")
struct NetworkEmulationTests {
    static func profile(base: String, network: String, flow: String, end: String = "iterations: 3") throws -> (
        EngineHarness, Profile
    ) {
        let h = try EngineHarness()
        let yaml = """
            name: netem
            target: { base_url: "\(base)" }
            flows: [flow.yaml]
            load: { vus: 1, \(end) }
            network: \(network)
            """
        return (h, try h.profile(yaml, flow: flow))
    }

    @Test func aFreshConnectionPaysTwoRoundTripsAndAReusedOneOne() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let (h, p) = try Self.profile(
            base: server.baseURL, network: "{ rtt: 100ms }",
            flow: "steps:\n  - { name: a, get: /ok }\n  - { name: b, get: /ok }\n")
        let (_, s) = h.run(p, workers: 1)
        let a = try #require(s.steps.first { $0.step == "a" })
        let b = try #require(s.steps.first { $0.step == "b" })
        #expect(a.freshConnections == 1 && a.reusedConnections == 2)
        // Lower bounds are the model's (exact instants: NetemTests' EmbeddedLatencyTests); upper bounds are only what
        // a loaded 2-core machine meets.
        #expect(a.latency.max >= 195 && a.latency.max < 1000, "fresh: 2 RTT, saw \(a.latency.max) ms")
        #expect(b.latency.p50 >= 97 && b.latency.p50 < 900, "reused: 1 RTT, saw \(b.latency.p50) ms")
        let connect = try #require(a.phases["connect"])
        #expect(connect.max >= 97 && connect.max < 900, "the emulated connect is reported as connect: \(connect.max)")
        #expect(s.run.network?.first?.rttMs == 100)
    }

    @Test func httpsWithTLS13OnAFreshConnectionTakesThreeRoundTrips() throws {
        let server = try TLSTestServer.start()
        defer { server.stop() }
        let (h, p) = try Self.profile(
            base: server.baseURL, network: "{ rtt: 100ms }", flow: "steps:\n  - { name: a, get: / }\n",
            end: "iterations: 1")
        let runner = LoadRunner(
            plan: RunPlan(profile: p, workers: 1, environment: [:], caFile: TLSTestServer.certificate))
        let s = runner.run().saved.summary
        _ = h
        let a = try #require(s.steps.first)
        #expect(a.failed == 0, "\(a.messages)")
        #expect(
            a.latency.max >= 295 && a.latency.max < 1500, "TCP + TLS 1.3 + request = 3 RTT, saw \(a.latency.max) ms")
        #expect((a.phases["tls"]?.max ?? 0) >= 95, "the TLS handshake pays one RTT")
    }

    @Test func aSequenceOfSixCallsPaysSixRoundTrips() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let flow = "steps:\n" + (1...6).map { "  - { name: s\($0), get: /ok }\n" }.joined()
        func total(_ network: String) throws -> Double {
            let (h, p) = try Self.profile(base: server.baseURL, network: network, flow: flow, end: "iterations: 1")
            return h.run(p, workers: 1).1.steps.reduce(0) { $0 + $1.latency.max }
        }
        let direct = try total("none")
        let emulated = try total("{ rtt: 150ms }")
        #expect(emulated - direct >= 6 * 150, "direct \(direct) ms, emulated \(emulated) ms")
    }

    @Test func oneMegabyteAt1600KbitTakesFiveSecondsPlusItsRoundTrips() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let (h, p) = try Self.profile(
            base: server.baseURL, network: "{ rtt: 50ms, down: 1600kbit }",
            flow: "steps:\n  - { name: big, get: /bytes/1000000 }\n", end: "iterations: 1")
        let (_, s) = h.run(p, workers: 1)
        let big = try #require(s.steps.first)
        // 1,000,000 bytes × 8 / 1,600,000 bit/s = 5.0 s on the wire, plus 2 RTT = 0.1 s before the first byte.
        // (The debug-built test server takes about a second to produce the body, which lands in ttfb.)
        let transfer = try #require(big.phases["transfer"]).max
        // Writes are due at absolute deadlines, so a loaded machine only delays the last one; half the rate would
        // take 10 s.
        #expect(transfer >= 4800 && transfer < 7000, "first to last byte: \(transfer) ms")
        #expect(big.latency.max >= 5100, "saw \(big.latency.max) ms")
    }

    @Test func eachRoleRunsUnderItsOwnNetwork() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let yaml = """
            name: roles
            target: { base_url: "\(server.baseURL)" }
            flows: [flow.yaml]
            roles:
              office: { fields: { email: a@example.test } }
              mobile: { fields: { email: b@example.test }, network: { rtt: 200ms } }
            load: { vus: 2, iterations: 4 }
            """
        let p = try h.profile(yaml, flow: "steps:\n  - { name: page, get: /ok }\n")
        let (_, s) = h.run(p, workers: 1)
        let office = try #require(s.step("page", role: "office"))
        let mobile = try #require(s.step("page", role: "mobile"))
        // Through the proxy a fresh connection would pay 2 × 200 ms; direct, it pays none of that.
        #expect(office.latency.max < 390, "office is direct: \(office.latency.max) ms")
        #expect(mobile.latency.p50 >= 195, "mobile pays 200 ms round trips: \(mobile.latency.p50) ms")
        #expect(s.run.network?.map(\.role) == ["mobile"])
    }
}

extension NetworkEmulationTests {
    @Test func faultsReachTheReportAsTheirErrorClasses() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        // A generous timeout: on a loaded 2-core machine a refused connection must not turn into a timeout.
        func errors(_ network: String, timeout: Duration = .seconds(3)) throws -> [String: Int] {
            let (h, p) = try Self.profile(
                base: server.baseURL, network: network, flow: "steps:\n  - { name: a, get: /bytes/4000 }\n",
                end: "iterations: 2")
            var profile = p
            profile.timeouts.request = timeout
            return h.run(profile, workers: 1).1.totals.errors
        }
        // A refused connection is accepted, then reset: curl calls it a reset (56), or a failed connect (7)
        // when the reset beats its connect check.
        let refused = try errors("{ faults: [ { refuse: true } ] }")
        #expect(refused.values.reduce(0, +) == 2 && Set(refused.keys).isSubset(of: ["reset", "refused"]), "\(refused)")
        let hung = try errors("{ faults: [ { black_hole: true } ] }", timeout: .milliseconds(400))
        #expect(hung == ["timeout": 2], "\(hung)")
        let truncated = try errors("{ faults: [ { truncate: 1000 } ] }")
        #expect(truncated == ["reset": 2], "\(truncated)")
    }
}

extension NetworkEmulationTests {
    /// A large response cut by a truncate or reset fault delivers the bytes up to the limit, also from a server
    /// that closes after answering (they were once dropped: 0 bytes, "Empty reply from server").
    @Test(arguments: [
        ("{ truncate: 1000 }", 1000), ("{ truncate: 120000 }", 120_000), ("{ reset: { after_bytes: 5000 } }", 5000),
    ])
    func byteLimitsOnALargeResponseDeliverTheirBytes(_ fault: String, limit: Int) throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let flow = "steps:\n  - { name: a, get: /bytes/250000, headers: { Connection: close } }\n"
        let (h, p) = try Self.profile(
            base: server.baseURL, network: "{ rtt: 10ms, faults: [ \(fault) ] }", flow: flow, end: "iterations: 2")
        let step = try #require(h.run(p, workers: 1).1.step("a", role: "anonymous"))
        #expect(step.failed == 2 && step.errors == ["reset": 2], "\(step.messages)")
        // Per request: the limit less the response head (under 200 bytes) arrives as body.
        #expect(step.bytes > 2 * (limit - 200) && step.bytes <= 2 * limit, "\(step.bytes) body bytes, \(step.messages)")
    }
}
