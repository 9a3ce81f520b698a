import Foundation
import TestSupport
import Testing

/// Issue 13 §4 as a user meets it: bad input is found before any load (exit 2, or 3 for an output that cannot be
/// written), said clearly, and a closed terminal (SIGHUP) still leaves results.
@Suite(.serialized) struct InputEndToEndTests {
    @Test func everyOutputPathIsCheckedBeforeTheFirstRequest() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let ws = try Workspace()
        defer { ws.remove() }
        let profile = try ws.write(
            profile: Workspace.profileYAML(base: server.baseURL, load: "{ vus: 1, duration: 30s }"),
            flow: "steps:\n  - get: /ok\n")
        let file = ws.folder.appendingPathComponent("flow.yaml").path
        for (arguments, message) in [
            (["--junit", "/nonexistent-h13/x.xml"], "error: --junit: cannot write /nonexistent-h13/x.xml: the folder"),
            (["--markdown", ws.folder.path], "error: --markdown: cannot write \(ws.folder.path): it is a folder"),
            (["--out", file + "/results"], "error: --out: cannot write into \(file)/results: \(file) is a file"),
        ] {
            let run = try RehearseBinary.run(["run", profile, "-q"] + arguments, directory: ws.folder.path)
            #expect(run.status == 3, "\(arguments): \(run.transcript)")
            #expect(run.stderr.contains(message), "\(run.transcript)")
            #expect(run.seconds < 10, "found before the 30s load")
        }
        #expect(server.requestCount() == 0, "nothing was sent")
    }

    /// `--out r`: a one-character folder name once crashed the output check (Foundation traps on it).
    @Test func aShortRelativeResultsFolderIsMade() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let ws = try Workspace()
        defer { ws.remove() }
        let profile = try ws.write(
            profile: Workspace.profileYAML(base: server.baseURL, load: "{ vus: 1, iterations: 1 }"),
            flow: "steps:\n  - get: /ok\n")
        let run = try RehearseBinary.run(["run", profile, "--out", "r", "-q"], directory: ws.folder.path)
        #expect(run.status == 0, "\(run.transcript)")
        #expect(FileManager.default.fileExists(atPath: ws.folder.appendingPathComponent("r").path))
    }

    @Test func sighupStopsGracefullyAndWritesResults() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let ws = try Workspace()
        defer { ws.remove() }
        let profile = try ws.write(
            profile: Workspace.profileYAML(base: server.baseURL, load: "{ vus: 1, duration: 30s, graceful_stop: 3s }"),
            flow: "steps:\n  - get: /delay/20\n")
        let child = try RehearseBinary.start(["run", profile, "--out", ws.results.path], directory: ws.folder.path)
        _ = try child.waitForLine(containing: "running e2e: Ctrl-C or SIGTERM stops it gracefully")
        #expect(Wait.until { server.requestCount(path: "/delay/20") >= 2 })
        child.send(SIGHUP)
        let run = try child.wait(timeout: .seconds(15))
        #expect(run.status == 130, "\(run.transcript)")
        #expect(try ws.summary().object("run")?["stop_reason"] as? String == "interrupted")
    }

    @Test func commandLineMistakesAreSaidClearly() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let profile = try ws.write(
            profile: Workspace.profileYAML(base: "http://127.0.0.1:9", load: "{ vus: 1, duration: 1s }"),
            flow: "steps:\n  - get: /ok\n")
        for (arguments, message) in [
            (["runn", profile], "error: rehearse: unknown command 'runn'\n  hint: did you mean run?"),
            (["import", "hra", "x.har"], "error: rehearse import: unknown command 'hra'"),
            (["run", profile, "--vus", "-3"], "error: --vus must be at least 1, got -3"),
            (["run", profile, "--vus", "100000000"], "error: --vus 100,000,000 is over the limit of 100,000 VUs"),
            (["run", profile, "--vus", "1e12"], "Error: The value '1e12' is invalid for '--vus <vus>'"),
            (["run", profile, "--workers", "100000"], "error: --workers must be from 1 to 256, got 100000"),
        ] {
            let run = try RehearseBinary.run(arguments, directory: ws.folder.path, timeout: .seconds(30))
            #expect(run.status == 2, "\(arguments): \(run.transcript)")
            #expect(run.stderr.contains(message), "\(run.transcript)")
            #expect(!run.stderr.contains("Missing value"))
        }
    }

    @Test func validateRefusesWhatRunCouldNotDo() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        try ws.write(profile: "", flow: "steps:\n  - get: /ok\n")
        let cases: [(String, String)] = [
            (
                Workspace.profileYAML(base: "http://127.0.0.1:9", load: "{ vus: 9223372036854775807, duration: 1s }"),
                "load.vus: 9,223,372,036,854,775,807 is over the limit of 100,000 VUs"
            ),
            (
                Workspace.profileYAML(base: "http://127.0.0.1:99999999", load: "{ vus: 1, duration: 1s }"),
                "target.base_url: base_url must be an absolute http or https URL"
            ),
        ]
        for (text, message) in cases {
            let path = try ws.write(profile: text, name: "bad.yaml")
            let run = try RehearseBinary.run(["validate", path], directory: ws.folder.path)
            #expect(run.status == 2 && run.stderr.contains(message), "\(run.transcript)")
        }
        let binary = ws.folder.appendingPathComponent("binary.yaml").path
        FileManager.default.createFile(atPath: binary, contents: Data([0x44, 0x44, 0x44, 0x00, 0xFF, 0x44]))
        let run = try RehearseBinary.run(["validate", binary], directory: ws.folder.path)
        #expect(
            run.status == 2 && run.stderr.contains("is not a text YAML file: it holds NUL bytes"), "\(run.transcript)")
    }
}
