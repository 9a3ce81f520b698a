import Foundation
import Testing
import TestSupport

/// `rehearse probe` against a real local server: verdicts, exit codes, the JSON line, evidence and metrics.
@Suite("rehearse probe")
struct ProbeEndToEndTests {
    static func profile(base: String, limits: String) -> String {
        Workspace.profileYAML(base: base, load: "{ vus: 1, iterations: 1 }", extra: "probe:\n" + limits)
    }

    static let limits = "  limits:\n    page: { degraded: 250ms, failed: 2s }\n  default: { failed: 3s }\n"

    func probe(_ flow: String, base: String, limits: String = limits, extra: [String] = []) throws
        -> (RehearseProcess.Output, Workspace)
    {
        let w = try Workspace()
        let path = try w.write(profile: Self.profile(base: base, limits: limits), flow: flow)
        let out = try RehearseProcess.run(["probe", path, "--out", w.results.path] + extra, timeout: 30)
        return (out, w)
    }

    func jsonLine(_ out: RehearseProcess.Output) throws -> [String: Any] {
        let lines = out.stdout.split(separator: "\n")
        #expect(lines.count == 1, "one JSON line per probe: \(out.transcript)")
        let object = try JSONSerialization.jsonObject(with: Data((lines.first ?? "").utf8)) as? [String: Any]
        return try #require(object, "stdout is not a JSON object: \(out.transcript)")
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
        let flow = "steps:\n  - name: page\n    post: /status/500\n    headers: { Authorization: \"Bearer {{role.password}}\" }\n    json: { password: \"{{role.password}}\" }\n"
        let profile = Workspace.profileYAML(
            base: server.baseURL, load: "{ vus: 1, iterations: 1 }", roles: roles, extra: "probe:\n" + Self.limits)
        let path = try w.write(profile: profile, flow: flow)
        let metricsFile = w.folder.appendingPathComponent("probe.prom").path
        let out = try RehearseProcess.run(
            ["probe", path, "--out", w.results.path, "--textfile", metricsFile],
            environment: ["PROBE_SECRET": "hunter2-probe-secret"], timeout: 30)
        #expect(out.status == 2, "\(out.transcript)")
        #expect(try jsonLine(out)["verdict"] as? String == "failed")
        let metrics = try String(contentsOfFile: metricsFile, encoding: .utf8)
        _ = try PrometheusParser.families(metrics)
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
        let out = try RehearseProcess.run(["probe", path, "--out", w.results.path], timeout: 30)
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
        let out = try RehearseProcess.run(["probe", path, "--textfile", file], timeout: 30)
        #expect(out.status == 0, "\(out.transcript)")
        let families = try PrometheusParser.families(try String(contentsOfFile: file, encoding: .utf8))
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
        let child = try RehearseProcess.Child(
            ["probe", path, "--every", "1s", "--jitter", "0s", "--serve", "127.0.0.1:0"], environment: [:],
            directory: w.folder)
        let url = try Self.metricsURL(child)
        let first = try Self.scrape(url, until: "rehearsal_probe_last_run_timestamp_seconds")  // after the first probe
        Thread.sleep(forTimeInterval: 1.6)
        let second = try Self.scrape(url, until: "rehearsal_probe_last_run_timestamp_seconds")
        child.terminate()
        let out = try child.wait(timeout: 15)
        #expect(out.status == 0, "SIGTERM ends a scheduled probe cleanly: \(out.transcript)")
        #expect(first.contains("rehearsal_probe_last_run_timestamp_seconds"))
        #expect(Self.value(of: "rehearsal_probe_last_run_timestamp_seconds", in: first)
            != Self.value(of: "rehearsal_probe_last_run_timestamp_seconds", in: second))
        #expect(out.stdout.split(separator: "\n").count >= 2, "a JSON line per probe")
        #expect(server.requestCount(path: "/ok") >= 4)
    }

    /// Waits (at most 10 s) for the "serving metrics on …" line and returns the URL.
    static func metricsURL(_ child: RehearseProcess.Child) throws -> String {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let line = child.stderrSoFar.split(separator: "\n").first(where: { $0.contains("serving metrics on") }),
                let url = line.split(separator: " ").last
            {
                return String(url)
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure("no 'serving metrics on' line within 10 s: \(child.stderrSoFar)")
    }

    /// Scrapes until the text contains `marker` (at most 10 s).
    static func scrape(_ url: String, until marker: String) throws -> String {
        let deadline = Date().addingTimeInterval(10)
        var text = ""
        while Date() < deadline {
            text = try scrape(url)
            if text.contains(marker) { return text }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return text
    }

    static func scrape(_ url: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-sS", "--max-time", "5", url]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static func value(of metric: String, in text: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix(metric + "{") || $0.hasPrefix(metric + " ") }
            .flatMap { $0.split(separator: " ").last.map(String.init) }
    }
}

/// Python's `prometheus_client` text parser (the reference implementation), run on exposition text.
enum PrometheusParser {
    /// The metric family names found; throws when the text does not parse.
    static func families(_ text: String) throws -> [String] {
        let script = """
            import sys
            from prometheus_client.parser import text_string_to_metric_families
            for family in text_string_to_metric_families(sys.stdin.read()):
                print(family.name)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let names = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure("prometheus_client could not parse the metrics (run `make test`, which installs it): \(problems)")
        }
        return names.split(separator: "\n").map(String.init)
    }
}
