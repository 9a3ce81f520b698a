import Foundation
import Testing
import TestSupport

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
        let out = try RehearseProcess.run(
            ["run", path, "--out", w.results.path, "--network", "{rtt: 120ms}", "-q"], timeout: 30)
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
        let out = try RehearseProcess.run(
            ["run", "Profiles/demo.yaml", "--network", "slow4g"], environment: ["DEMO_ADMIN_PASSWORD": "x"], timeout: 30)
        #expect(out.status == 2, "\(out.transcript)")
        #expect(out.stderr.contains("did you mean \"slow-4g\""), "\(out.stderr)")
    }

    @Test func networkListShowsPresetsWithSources() throws {
        let out = try RehearseProcess.run(["network", "list"], timeout: 30)
        #expect(out.status == 0)
        #expect(out.stdout.contains("slow-4g"))
        #expect(out.stdout.contains("150ms"))
        #expect(out.stdout.contains("Sources"))
    }

    @Test func theStandaloneProxyDelaysPlainCurl() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let child = try RehearseProcess.Child(
            ["proxy", "--listen", "127.0.0.1:0", "--upstream", "127.0.0.1:\(server.port)", "--network", "{rtt: 150ms}"],
            environment: [:], directory: RehearseProcess.packageRoot)
        defer { child.terminate() }
        let port = try Self.proxyPort(child)
        // curl keeps the real host name; only the connection goes to the proxy.
        let timing = try Self.curl([
            "-sS", "-o", "/dev/null", "-w", "%{http_code} %{time_total}", "--max-time", "5",
            "--connect-to", "staging.invalid:80:127.0.0.1:\(port)", "http://staging.invalid/ok",
        ])
        let parts = timing.split(separator: " ")
        #expect(parts.first == "200", "\(timing)")
        let seconds = Double(parts.last ?? "") ?? 0
        #expect(seconds >= 0.295 && seconds < 0.6, "fresh connection through the proxy: 2 × 150 ms, took \(seconds)s")
        #expect(server.requestCount(path: "/ok") == 1)
    }

    static func proxyPort(_ child: RehearseProcess.Child) throws -> Int {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let text = child.stderrSoFar + child.stdoutSoFar
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("proxy 127.0.0.1:") }),
                let port = line.split(separator: " ")[1].split(separator: ":").last.flatMap({ Int($0) })
            {
                return port
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure("the proxy did not say where it listens: \(child.stderrSoFar)")
    }

    static func curl(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
