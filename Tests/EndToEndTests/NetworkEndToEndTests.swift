import Foundation
import TestSupport
import Testing

/// The network-emulation commands from the command line.
@Suite("rehearse network, proxy and --network")
struct NetworkEndToEndTests {
    @Test func runWithANetworkPaysItsRoundTripsAndRecordsThem() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let w = try Workspace()
        defer { w.remove() }
        let path = try w.write(
            profile: Workspace.profileYAML(base: server.baseURL, load: "{ vus: 2, iterations: 2 }"),
            flow: "steps:\n  - { name: page, get: /ok }\n")
        let out = try RehearseBinary.run(
            ["run", path, "--out", w.results.path, "--network", "{rtt: 120ms}", "-q"], timeout: .seconds(30))
        #expect(out.status == 0, "\(out.transcript)")
        let summary = try w.summary()
        let network = try #require(summary.object("run")?["network"] as? [[String: Any]])
        #expect(network.count == 2)
        #expect(network.allSatisfy { $0["rtt_ms"] as? Double == 120 })
        let steps = try #require(summary["steps"] as? [[String: Any]])
        let p50s = steps.compactMap { ($0["latency"] as? [String: Any])?["p50"] as? Double }
        #expect(p50s.allSatisfy { $0 >= 235 }, "a fresh connection pays 2 × 120 ms: \(p50s)")
    }

    @Test func aMistypedPresetIsBadInputWithAHint() throws {
        let out = try RehearseBinary.run(
            ["run", "Profiles/demo.yaml", "--network", "slow4g"], environment: ["DEMO_ADMIN_PASSWORD": "x"],
            timeout: .seconds(30))
        #expect(out.status == 2, "\(out.transcript)")
        #expect(out.stderr.contains("did you mean \"slow-4g\""), "\(out.stderr)")
    }

    @Test func networkListShowsPresetsWithSources() throws {
        let out = try RehearseBinary.run(["network", "list"], timeout: .seconds(30))
        #expect(out.status == 0)
        #expect(out.stdout.contains("slow-4g"))
        #expect(out.stdout.contains("150ms"))
        #expect(out.stdout.contains("Sources"))
    }

    @Test func theStandaloneProxyDelaysAPlainClient() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let child = try RehearseBinary.start(
            ["proxy", "--listen", "127.0.0.1:0", "--upstream", "127.0.0.1:\(server.port)", "--network", "{rtt: 150ms}"])
        defer { child.terminate() }
        let port = try Self.proxyPort(child)
        // The client keeps the real host name (as curl's --connect-to or a browser's proxy setting do); only the
        // connection goes to the proxy.
        let start = ContinuousClock.now
        let connection = try HTTPTestConnection.open(port: port)
        let response = try connection.send(.GET, "/ok", host: "staging.invalid")
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        #expect(response.status == 200)
        // Never faster than the emulated round trips; the upper bound is only what a loaded machine meets.
        #expect(seconds >= 0.295 && seconds < 3, "fresh connection through the proxy: 2 × 150 ms, took \(seconds)s")
        #expect(server.requestCount(path: "/ok") == 1)
    }

    /// The port of the proxy's "proxy 127.0.0.1:PORT → …" line.
    static func proxyPort(_ child: ChildProcess) throws -> Int {
        let line = try child.waitForLine(containing: "proxy 127.0.0.1:")
        guard let port = line.split(separator: " ")[1].split(separator: ":").last.flatMap({ Int($0) }) else {
            throw Failure("no port in the proxy's line '\(line)'")
        }
        return port
    }
}
