import Foundation
import TestSupport
import Testing

/// `rehearse probe` against a real local server: verdicts, exit codes, the JSON line, evidence and metrics.
@Suite("rehearse probe")
struct ProbeEndToEndTests {
    static func profile(base: String, limits: String) -> String {
        Workspace.profileYAML(base: base, load: "{ vus: 1, iterations: 1 }", extra: "probe:\n" + limits)
    }

    static let limits = "  limits:\n    page: { degraded: 250ms, failed: 2s }\n  default: { failed: 3s }\n"

    func probe(_ flow: String, base: String, limits: String = limits, extra: [String] = []) throws
        -> (ChildProcess.Output, Workspace)
    {
        let w = try Workspace()
        let path = try w.write(profile: Self.profile(base: base, limits: limits), flow: flow)
        let out = try RehearseBinary.run(["probe", path, "--out", w.results.path] + extra, timeout: .seconds(30))
        return (out, w)
    }

    func jsonLine(_ out: ChildProcess.Output) throws -> [String: Any] {
        let lines = out.stdout.split(separator: "\n")
        #expect(lines.count == 1, "one JSON line per probe: \(out.transcript)")
        let object = try JSONSerialization.jsonObject(with: Data((lines.first ?? "").utf8)) as? [String: Any]
        return try #require(object, "stdout is not a JSON object: \(out.transcript)")
    }

    /// A metrics file that cannot be written is bad input, found before the probe: exit 3, nothing sent.
    @Test func aTextfileInAMissingFolderExitsThreeBeforeProbing() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let (out, w) = try probe(
            "steps:\n  - { name: page, get: /ok }\n", base: server.baseURL,
            extra: ["--textfile", "/nonexistent-rehearsal-folder/metrics/r.prom"])
        defer { w.remove() }
        #expect(out.status == 3, "\(out.transcript)")
        #expect(out.stderr.contains("--textfile") && out.stderr.contains("does not exist"), "\(out.transcript)")
        #expect(server.requestCount() == 0)
    }

    @Test func aHealthyProbeExitsZeroAndWalksEachRoleOnce() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let (out, w) = try probe("steps:\n  - { name: page, get: /ok, check: { status: 200 } }\n", base: server.baseURL)
        defer { w.remove() }
        #expect(out.status == 0, "\(out.transcript)")
        let json = try jsonLine(out)
        #expect(json["verdict"] as? String == "healthy")
        let flows = try #require(json["flows"] as? [[String: Any]])
        #expect(Set(flows.compactMap { $0["role"] as? String }) == ["admin", "user"])
        let trace = try #require(json["slowest_trace"] as? [String: Any], "the slowest request's trace: \(json)")
        #expect((trace["trace_id"] as? String)?.count == 32 && (trace["span_id"] as? String)?.count == 16)
        #expect(server.requestCount(path: "/ok") == 2, "one iteration per role")
        #expect(out.stderr.contains("HEALTHY"))
        #expect(!FileManager.default.fileExists(atPath: w.results.path), "no evidence for a healthy probe")
    }

    @Test func aSlowStepIsDegraded() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let (out, w) = try probe("steps:\n  - { name: page, get: /delay/400 }\n", base: server.baseURL)
        defer { w.remove() }
        #expect(out.status == 1, "\(out.transcript)")
        #expect(try jsonLine(out)["verdict"] as? String == "degraded")
        #expect(out.stderr.contains("page"), "the human line names the slow step")
    }

    @Test func aServerErrorFailsAndKeepsEvidenceWithoutSecrets() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let roles = "  admin:\n    fields: { email: admin@example.test, password: { env: PROBE_SECRET } }\n"
        let w = try Workspace()
        defer { w.remove() }
        let flow =
            "steps:\n  - name: page\n    post: /status/500\n    headers: { Authorization: \"Bearer {{role.password}}\" }\n    json: { password: \"{{role.password}}\" }\n"
        let profile = Workspace.profileYAML(
            base: server.baseURL, load: "{ vus: 1, iterations: 1 }", roles: roles, extra: "probe:\n" + Self.limits)
        let path = try w.write(profile: profile, flow: flow)
        let metricsFile = w.folder.appendingPathComponent("probe.prom").path
        let out = try RehearseBinary.run(
            ["probe", path, "--out", w.results.path, "--textfile", metricsFile],
            environment: ["PROBE_SECRET": "hunter2-probe-secret"], timeout: .seconds(30))
        #expect(out.status == 2, "\(out.transcript)")
        #expect(try jsonLine(out)["verdict"] as? String == "failed")
        let metrics = try String(contentsOfFile: metricsFile, encoding: .utf8)
        _ = try PrometheusTextParser.parse(metrics)
        #expect(metrics.contains(#"rehearsal_probe_success{profile="e2e",flow="flow",role="admin"} 0"#), "\(metrics)")
        #expect(metrics.contains(#"verdict="failed"} 1"#))
        let evidence = try w.runFolder().appendingPathComponent("evidence.json")
        let text = try String(contentsOf: evidence, encoding: .utf8)
        #expect(text.contains("\"status\" : 500"))
        for file in Workspace.files(under: w.results) + [] {
            #expect(!(try String(contentsOf: file, encoding: .utf8)).contains("hunter2"), "\(file.lastPathComponent)")
        }
        #expect(!out.stdout.contains("hunter2") && !out.stderr.contains("hunter2"))
    }

    @Test func aTimeoutFails() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let w = try Workspace()
        defer { w.remove() }
        let profile = Self.profile(base: server.baseURL, limits: Self.limits)
            .replacingOccurrences(of: "request: 5s", with: "request: 300ms")
        let path = try w.write(profile: profile, flow: "steps:\n  - { name: page, get: /delay/3000 }\n")
        let out = try RehearseBinary.run(["probe", path, "--out", w.results.path], timeout: .seconds(30))
        #expect(out.status == 2, "\(out.transcript)")
        #expect(out.stdout.contains("timeout"))
    }

    @Test func aTargetThatRefusesFailsRatherThanCountingAsBadInput() throws {
        let server = try TestServer.start()
        let base = server.baseURL
        server.shutdown()
        let (out, w) = try probe("steps:\n  - { name: page, get: /ok }\n", base: base)
        defer { w.remove() }
        #expect(out.status == 2, "\(out.transcript)")
        #expect(out.stdout.contains("refused"))
    }

    @Test func badInputIsUnknownWithAHint() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let (out, w) = try probe(
            "steps:\n  - { name: page, get: /ok }\n", base: server.baseURL,
            limits: "  limits:\n    pgae: { failed: 1s }\n")
        defer { w.remove() }
        #expect(out.status == 3, "\(out.transcript)")
        #expect(out.stderr.contains("did you mean \"page\""))
    }

    @Test func theTextfileParsesWithPrometheusOwnParser() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let w = try Workspace()
        defer { w.remove() }
        let file = w.folder.appendingPathComponent("rehearsal.prom").path
        let path = try w.write(
            profile: Self.profile(base: server.baseURL, limits: Self.limits),
            flow: "steps:\n  - { name: page, get: /ok }\n")
        let out = try RehearseBinary.run(["probe", path, "--textfile", file], timeout: .seconds(30))
        #expect(out.status == 0, "\(out.transcript)")
        let families = try PrometheusTextParser.parse(try String(contentsOfFile: file, encoding: .utf8)).map(\.name)
        for name in ["rehearsal_probe_success", "rehearsal_probe_step_duration_seconds", "rehearsal_probe_runs"] {
            #expect(families.contains(name), "\(name) in \(families)")
        }
    }

    @Test func everyAndServeExposeMetricsThatChangeBetweenProbes() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let w = try Workspace()
        defer { w.remove() }
        let path = try w.write(
            profile: Self.profile(base: server.baseURL, limits: Self.limits),
            flow: "steps:\n  - { name: page, get: /ok }\n")
        let child = try RehearseBinary.start(
            ["probe", path, "--every", "1s", "--jitter", "0s", "--serve", "127.0.0.1:0"],
            directory: w.folder.path)
        let port = try Self.metricsPort(child)
        let stamp = "rehearsal_probe_last_run_timestamp_seconds"
        let first = try Self.scrape(port) { $0.contains(stamp) }  // after the first probe
        // The next probe (1 s later) changes the timestamp: wait for that, not for a fixed time.
        let firstStamp = Self.value(of: stamp, in: first)
        let second = try Self.scrape(port) { Self.value(of: stamp, in: $0).map { $0 != firstStamp } ?? false }
        child.terminate()
        let out = try child.wait(timeout: .seconds(15))
        #expect(out.status == 0, "SIGTERM ends a scheduled probe cleanly: \(out.transcript)")
        #expect(first.contains(stamp))
        #expect(Self.value(of: stamp, in: first) != Self.value(of: stamp, in: second))
        #expect(out.stdout.split(separator: "\n").count >= 2, "a JSON line per probe")
        #expect(server.requestCount(path: "/ok") >= 4, "two probes seen, one request per role each")
    }

    /// The port of the "serving metrics on http://HOST:PORT/metrics" line (waited for, at most 20 s).
    static func metricsPort(_ child: ChildProcess) throws -> Int {
        let line = try child.waitForLine(containing: "serving metrics on")
        guard let url = line.split(separator: " ").last, let port = URLComponents(string: String(url))?.port else {
            throw Failure("no port in '\(line)'")
        }
        return port
    }

    /// Scrapes `/metrics` until the text satisfies `done` (at most 10 s); returns the last text.
    static func scrape(_ port: Int, until done: (String) -> Bool) throws -> String {
        try Wait.until({ try HTTPTestClient.request(port: port, .GET, "/metrics").text }, until: done)
    }

    static func value(of metric: String, in text: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix(metric + "{") || $0.hasPrefix(metric + " ") }
            .flatMap { $0.split(separator: " ").last.map(String.init) }
    }
}
