import Foundation
import TestSupport
import Testing

/// `rehearse init`: starting files that validate and run, never replacing a file without `--force`.
@Suite struct InitEndToEndTests {
    @Test func fromAURLTheFilesValidateAndRun() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let w = try Workspace()
        defer { w.remove() }
        let profile = w.folder.appendingPathComponent("gate.yaml").path
        let made = try RehearseBinary.run(["init", "--url", server.baseURL + "/json?x=1", "-o", profile])
        #expect(made.status == 0, "\(made.transcript)")
        let flow = try String(contentsOf: w.folder.appendingPathComponent("flows/json.yaml"), encoding: .utf8)
        #expect(flow.contains(#"get: "/json?x=1""#))
        #expect(try RehearseBinary.run(["validate", profile]).status == 0)
        let run = try RehearseBinary.run(
            ["run", profile, "--vus", "1", "--iterations", "2", "--out", w.results.path, "-q"], timeout: .seconds(30))
        // The think time of 1–3 s is in the starting flow: two iterations pass the gate.
        #expect(run.status == 0, "\(run.transcript)")
        #expect(server.requestCount(path: "/json") == 2)

        let again = try RehearseBinary.run(["init", "--url", server.baseURL + "/json", "-o", profile])
        #expect(again.status == 2 && again.stderr.contains("exists; pass --force"), "\(again.transcript)")
        #expect(
            try RehearseBinary.run(["init", "--url", server.baseURL + "/json", "-o", profile, "--force"]).status == 0)
    }

    @Test func fromARecordingAndBadInput() throws {
        let w = try Workspace()
        defer { w.remove() }
        let har = RehearseBinary.packageRoot.appendingPathComponent("Tests/RecordingTests/Fixtures/chrome.har").path
        let profile = w.folder.appendingPathComponent("app.yaml").path
        let made = try RehearseBinary.run(["init", "--har", har, "-o", profile])
        #expect(made.status == 0, "\(made.transcript)")
        #expect(FileManager.default.fileExists(atPath: w.folder.appendingPathComponent("flows/chrome.yaml").path))
        // The recording's secrets became environment variables: give each a value, as a user would.
        let written = try [profile, w.folder.appendingPathComponent("flows/chrome.yaml").path]
            .map { try String(contentsOfFile: $0, encoding: .utf8) }.joined()
        var environment: [String: String] = [:]
        for match in written.matches(of: #/env(?:\.|:\s*)([A-Z_][A-Z0-9_]*)/#) {
            environment[String(match.1)] = match.1.hasSuffix("URL") ? "http://127.0.0.1:9" : "value-\(match.1)"
        }
        let check = try RehearseBinary.run(["validate", profile], environment: environment)
        #expect(check.status == 0, "\(check.transcript)")
        for args in [["--url", "ftp://example.test/"], ["--url", "http://a/", "--har", har], []] {
            let out = try RehearseBinary.run(["init"] + args + ["-o", w.folder.appendingPathComponent("x.yaml").path])
            #expect(out.status == 2, "\(args): \(out.transcript)")
        }
    }
}
