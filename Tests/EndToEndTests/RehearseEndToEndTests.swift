import Foundation
import TestSupport
import Testing

/// The built `rehearse` binary, run as a user would: real profiles on disk, a local `TestServer`, exit codes,
/// stdout/stderr and the results folder. Every load is bounded (iterations or a short duration) and local.
@Suite("rehearse end to end")
struct RehearseEndToEndTests {
    static let okAndJSONFlow = """
        name: e2e-flow
        steps:
          - name: ok-step
            get: /ok
          - name: json-step
            get: /json
            capture:
              token: { json: $.token }
            check:
              status: 200
              json: { $.ok: true }
        """

    // (a) A clean run: exit 0, results written, counts agree with the server, `report` re-renders them.
    @Test func cleanRunWritesResultsThatReportRerenders() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let ws = try Workspace()
        defer { ws.remove() }
        let profile = try ws.write(
            profile: Workspace.profileYAML(base: server.baseURL, load: "{ vus: 3, iterations: 50 }"),
            flow: Self.okAndJSONFlow)

        let run = try RehearseBinary.run(["run", profile, "--out", ws.results.path, "-q"])
        #expect(run.status == 0, "\(run.transcript)")
        #expect(run.stdout.contains("ok-step") && run.stdout.contains("json-step"), "\(run.transcript)")

        let folder = try ws.runFolder()
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("histograms.json").path))
        let summary = try ws.summary()
        #expect(summary["schema"] as? String == "rehearsal.summary")
        #expect(summary["version"] as? Int == 1)
        let totals = try #require(summary.object("totals"))
        #expect(totals["requests"] as? Int == 100)
        #expect(totals["failed"] as? Int == 0)
        #expect(server.requestCount() == 100, "the server saw exactly what the summary counts")
        #expect(server.requestCount(path: "/ok") == 50)
        #expect(server.requestCount(path: "/json") == 50)
        let runInfo = try #require(summary.object("run"))
        #expect(runInfo["stop_reason"] as? String == "completed")
        #expect(runInfo["base_url"] as? String == server.baseURL)
        let steps = try #require(summary["steps"] as? [[String: Any]])
        #expect(Set(steps.compactMap { $0["step"] as? String }) == ["ok-step", "json-step"])

        let report = try RehearseBinary.run(["report", folder.path])
        #expect(report.status == 0, "\(report.transcript)")
        #expect(report.stdout.contains("ok-step") && report.stdout.contains("json-step"), "\(report.transcript)")
        #expect(report.stdout.contains("100 requests"), "\(report.transcript)")

        let json = try RehearseBinary.run(["report", folder.path, "--json"])
        #expect(json.status == 0, "\(json.transcript)")
        let rebuilt = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json.transcript)")
        #expect(rebuilt["schema"] as? String == "rehearsal.summary")
        let rebuiltTotals = try #require(rebuilt.object("totals"))
        #expect(rebuiltTotals["requests"] as? Int == 100)
        #expect(rebuiltTotals["failed"] as? Int == totals["failed"] as? Int)
        #expect(rebuiltTotals["iterations_completed"] as? Int == totals["iterations_completed"] as? Int)
        #expect(NSDictionary(dictionary: rebuiltTotals).isEqual(to: totals), "rebuilt totals equal the saved ones")
    }

    // (b) Failed requests: exit 1.
    @Test func failedRequestsExitWithOne() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let ws = try Workspace()
        defer { ws.remove() }
        let profile = try ws.write(
            profile: Workspace.profileYAML(base: server.baseURL, load: "{ vus: 2, iterations: 4 }"),
            flow: "steps:\n  - name: boom\n    get: /status/500\n")
        let run = try RehearseBinary.run(["run", profile, "--out", ws.results.path, "-q"])
        #expect(run.status == 1, "\(run.transcript)")
        let totals = try #require(try ws.summary().object("totals"))
        #expect(totals["failed"] as? Int == 4)
        #expect((totals["errors"] as? [String: Int]) == ["http5xx": 4])
    }

    // (c) Bad input: a misspelt key names the file, line and the right key; a missing profile. Both exit 2.
    @Test func misspeltLoadKeyIsBadInputWithAHint() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let yaml = Workspace.profileYAML(base: "http://127.0.0.1:9", load: "{ vus: 2, duraton: 5s }")
        let loadLine =
            try #require(
                yaml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("load:") }) + 1
        let profile = try ws.write(profile: yaml, flow: Self.okAndJSONFlow, name: "typo-profile.yaml")
        let run = try RehearseBinary.run(["run", profile, "--out", ws.results.path])
        #expect(run.status == 2, "\(run.transcript)")
        #expect(run.stderr.contains("typo-profile.yaml"), "\(run.transcript)")
        #expect(
            run.stderr.contains(":\(loadLine):"), "the load block is line \(loadLine) of the profile\n\(run.transcript)"
        )
        #expect(run.stderr.contains("did you mean"), "\(run.transcript)")
        #expect(run.stderr.contains("duration"), "\(run.transcript)")
        #expect(!FileManager.default.fileExists(atPath: ws.results.path), "nothing is written for bad input")
    }

    @Test func missingProfileIsBadInput() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let missing = ws.folder.appendingPathComponent("no-such-profile.yaml").path
        let run = try RehearseBinary.run(["run", missing, "--out", ws.results.path])
        #expect(run.status == 2, "\(run.transcript)")
        #expect(run.stderr.contains("no-such-profile.yaml"), "\(run.transcript)")
        let validate = try RehearseBinary.run(["validate", missing])
        #expect(validate.status == 2, "\(validate.transcript)")
    }

    // (d) A target that is not there: exit 3 naming the profile field.
    @Test func unreachableTargetIsARunError() throws {
        let gone = try TestServer.start()
        let base = gone.baseURL
        gone.shutdown()
        let ws = try Workspace()
        defer { ws.remove() }
        let profile = try ws.write(
            profile: Workspace.profileYAML(base: base, load: "{ vus: 1, iterations: 1 }"),
            flow: "steps:\n  - get: /ok\n")
        let run = try RehearseBinary.run(["run", profile, "--out", ws.results.path, "-q"])
        #expect(run.status == 3, "\(run.transcript)")
        #expect(run.stderr.contains("target.base_url"), "\(run.transcript)")
    }

    // (e) validate, --version, run --help.
    @Test func validateVersionAndHelp() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let profile = try ws.write(
            profile: Workspace.profileYAML(base: "http://127.0.0.1:9", load: "{ vus: 3, iterations: 50 }"),
            flow: Self.okAndJSONFlow)
        let validate = try RehearseBinary.run(["validate", profile])
        #expect(validate.status == 0, "\(validate.transcript)")
        #expect(validate.stdout.contains("is valid"), "\(validate.transcript)")
        #expect(validate.stdout.contains("flow e2e-flow"), "\(validate.transcript)")

        let version = try RehearseBinary.run(["--version"])
        #expect(version.status == 0, "\(version.transcript)")
        let text = version.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(text.range(of: #"^\d+\.\d+\.\d+"#, options: .regularExpression) != nil, "\(version.transcript)")

        let help = try RehearseBinary.run(["run", "--help"])
        #expect(help.status == 0, "\(help.transcript)")
        #expect(help.stdout.contains("Examples"), "\(help.transcript)")
    }

    // (f) A secret read from the environment never reaches the results, stdout or stderr.
    @Test func secretsStayOutOfOutputAndResults() throws {
        let secret = "s3cr3t-value-42"
        let server = try TestServer.start()
        defer { server.shutdown() }
        let ws = try Workspace()
        defer { ws.remove() }
        let roles = """
              admin:
                fields:
                  email: admin@example.test
                  password: { env: E2E_PASSWORD }
            """
        let flow = """
            continue_on_failure: true
            steps:
              - post: /status/500
                json:
                  email: "{{role.email}}"
                  password: "{{role.password}}"
              - get: /status/500?p={{role.password}}
              - name: echo
                post: /echo?p={{role.password}}
                json:
                  password: "{{role.password}}"
                check:
                  json: { $.query.p: nope }
              - name: echo-body
                post: /echo
                json:
                  password: "{{role.password}}"
                check:
                  json: { $.body: nope }
            """
        let profile = try ws.write(
            profile: Workspace.profileYAML(base: server.baseURL, load: "{ vus: 2, iterations: 3 }", roles: roles),
            flow: flow)
        let env = ["E2E_PASSWORD": secret]
        let run = try RehearseBinary.run(["run", profile, "--out", ws.results.path], environment: env)
        #expect(run.status == 1, "\(run.transcript)")
        #expect(server.requestCount(path: "/status/500") == 6, "both requests were sent each iteration")
        #expect(server.requestCount(path: "/echo") == 6)
        #expect(!run.stdout.contains(secret), "\(run.transcript)")
        #expect(!run.stderr.contains(secret), "\(run.transcript)")
        #expect(run.stdout.contains("***"), "failure messages that held the secret show it redacted\n\(run.transcript)")

        let folder = try ws.runFolder()
        let files = Workspace.files(under: ws.results)
        #expect(files.count >= 2)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(!text.contains(secret), "\(file.path) contains the secret")
        }
        let report = try RehearseBinary.run(["report", folder.path], environment: env)
        #expect(!report.stdout.contains(secret) && !report.stderr.contains(secret), "\(report.transcript)")
        let validate = try RehearseBinary.run(["validate", profile, "-v"], environment: env)
        #expect(validate.status == 0, "\(validate.transcript)")
        #expect(!validate.stdout.contains(secret) && !validate.stderr.contains(secret), "\(validate.transcript)")
    }

    // A check message quotes the response clipped to 60 characters *before* secrets are redacted, so a secret
    // that straddles the cut is no longer found whole and its first characters are printed and saved.
    @Test
    func secretCutByAClippedCheckMessageDoesNotLeakAPrefix() throws {
        let secret = "s3cr3t-value-42"
        let server = try TestServer.start()
        defer { server.shutdown() }
        let ws = try Workspace()
        defer { ws.remove() }
        let roles = """
              admin:
                fields:
                  password: { env: E2E_PASSWORD }
            """
        // The 22-character field puts the secret at characters 50-64 of the quoted body; the clip keeps 57.
        let flow = """
            steps:
              - name: echo-body
                post: /echo
                json:
                  a: "0123456789012345678901"
                  password: "{{role.password}}"
                check:
                  json: { $.body: nope }
            """
        let profile = try ws.write(
            profile: Workspace.profileYAML(base: server.baseURL, load: "{ vus: 1, iterations: 1 }", roles: roles),
            flow: flow)
        let run = try RehearseBinary.run(
            ["run", profile, "--out", ws.results.path, "-q"], environment: ["E2E_PASSWORD": secret])
        #expect(run.status == 1, "\(run.transcript)")
        let prefix = String(secret.prefix(7))
        #expect(!run.stdout.contains(prefix), "\(run.transcript)")
        for file in Workspace.files(under: ws.results) {
            #expect(!(try String(contentsOf: file, encoding: .utf8)).contains(prefix), "\(file.path)")
        }
    }

    // (g) Ctrl-C: a graceful stop with results written, exit 130.
    @Test func ctrlCStopsGracefullyAndWritesResults() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let ws = try Workspace()
        defer { ws.remove() }
        let profile = try ws.write(
            profile: Workspace.profileYAML(
                base: server.baseURL, load: "{ vus: 2, duration: 30s, graceful_stop: 3s }"),
            flow: "steps:\n  - name: slowish\n    get: /delay/20\n  - think: 30ms\n")
        let child = try RehearseBinary.start(["run", profile, "--out", ws.results.path], directory: ws.folder.path)
        // Signal only once the run handles it (its readiness line) and the load is running (the server saw it).
        _ = try child.waitForLine(containing: "running e2e: Ctrl-C or SIGTERM stops it gracefully")
        #expect(Wait.until { server.requestCount(path: "/delay/20") >= 2 })
        child.interrupt()
        let run = try child.wait(timeout: .seconds(15))
        #expect(run.status == 130, "\(run.transcript)")
        #expect(run.seconds < 15, "stopped long before the 30s run would have ended")
        let summary = try ws.summary()
        #expect(summary.object("run")?["stop_reason"] as? String == "interrupted")
        let requests = try #require(summary.object("totals")?["requests"] as? Int)
        #expect(requests > 0)
        #expect(
            FileManager.default.fileExists(atPath: try ws.runFolder().appendingPathComponent("histograms.json").path))
    }
}
