import Foundation
import Scenario
import TestSupport
import Testing

/// `rehearse import` as a user runs it: exit codes, where the flow and the report go, and that a failed import
/// never leaves a file behind.
@Suite(.serialized) struct ImportCommandTests {
    static func folder() throws -> String {
        try TemporaryFolder("import").directory
    }

    @Test func writesTheFlowAndProfileAndReportsOnStderr() throws {
        let dir = try Self.folder()
        // Issue 13 §1: a missing folder is made for the flow; when another file cannot be written, nothing is
        // left behind, not even that folder.
        let out = try RehearseBinary.run([
            "import", "har", Fixtures.path("chrome.har"), "-o", dir + "/flows/chrome.yaml", "--profile",
            "/proc/no-such-folder/p.yaml",
        ])
        #expect(out.status == 3 && out.stderr.contains("cannot create the folder /proc/no-such-folder"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        let ok = try RehearseBinary.run([
            "import", "har", Fixtures.path("chrome.har"), "-o", dir + "/flows/chrome.yaml", "--profile",
            dir + "/p.yaml",
        ])
        #expect(ok.status == 0 && ok.stdout.isEmpty)
        #expect(ok.stderr.contains("Kept 9 requests in 7 steps, 1 parallel group, 5 think times"))
        #expect(ok.stderr.contains("export APIKEY=…"))
        #expect(ok.stderr.contains("Wrote \(dir)/flows/chrome.yaml and \(dir)/p.yaml"))
        #expect(try String(contentsOfFile: dir + "/flows/chrome.yaml", encoding: .utf8).contains("name: chrome"))
        let profile = try String(contentsOfFile: dir + "/p.yaml", encoding: .utf8)
        #expect(profile.contains("\nflows:\n- flows/chrome.yaml\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/flows") == ["chrome.yaml"])
    }

    @Test func withoutOutputTheFlowGoesToStdout() throws {
        let out = try RehearseBinary.run([
            "import", "har", Fixtures.path("mitmproxy.har"), "--name", "dash", "--think-scale", "0",
        ])
        #expect(out.status == 0 && out.stdout.contains("name: dash\n") && !out.stdout.contains("think:"))
        #expect(out.stderr.hasPrefix("Imported "))
    }

    @Test func badInputExitsTwoAndLeavesTheOldFileAlone() throws {
        let dir = try Self.folder()
        let target = dir + "/flow.yaml"
        try "previous\n".write(toFile: target, atomically: true, encoding: .utf8)
        let truncated = dir + "/cut.har"
        let full = try String(contentsOfFile: Fixtures.path("mitmproxy.har"), encoding: .utf8)
        try String(full.utf8.prefix(1500))!.write(toFile: truncated, atomically: true, encoding: .utf8)
        let out = try RehearseBinary.run(["import", "har", truncated, "-o", target])
        #expect(out.status == 2)
        #expect(
            out.stderr.contains("\(truncated):")
                && out.stderr.contains("error: unexpected end of file inside log.entries"))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "previous\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["cut.har", "flow.yaml"])
    }

    @Test func badOptionsExitTwo() throws {
        #expect(
            try RehearseBinary.run(["import", "har", Fixtures.path("chrome.har"), "--think-scale", "-1"]).status == 2)
        #expect(try RehearseBinary.run(["import", "har", Fixtures.path("chrome.har"), "--max-think", "5"]).status == 2)
        #expect(
            try RehearseBinary.run(["import", "har", Fixtures.path("chrome.har"), "--profile", "p.yaml"]).status == 2)
        #expect(try RehearseBinary.run(["import", "curl"]).status == 2)
        let curl = try RehearseBinary.run(["import", "curl", "curl https://a.test/x --data-rwa y"])
        #expect(curl.status == 2 && curl.stderr.contains("did you mean --data-raw?"))
    }

    @Test func curlFromStdin() throws {
        let out = try RehearseBinary.run(
            ["import", "curl", "-"], input: "curl 'http://127.0.0.1:9/api/me' -H 'Accept: application/json'\n")
        #expect(out.status == 0 && out.stdout.contains("\n- get: /api/me\n"))
    }

    /// Nothing is replaced when one target cannot be written: a folder, or the same file twice.
    @Test func allOrNothingOutput() throws {
        let dir = try Self.folder()
        try "old flow\n".write(toFile: dir + "/out.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir + "/existing", withIntermediateDirectories: true)
        let folder = try RehearseBinary.run(
            ["import", "har", Fixtures.path("chrome.har"), "-o", "out.yaml", "--profile", "existing"], directory: dir)
        #expect(folder.status == 3 && folder.stderr.contains("is a folder"), "\(folder.stderr)")
        #expect(try String(contentsOfFile: dir + "/out.yaml", encoding: .utf8) == "old flow\n")
        let same = try RehearseBinary.run(
            ["import", "har", Fixtures.path("chrome.har"), "-o", "out.yaml", "--profile", "./out.yaml"], directory: dir)
        #expect(same.status == 2 && same.stderr.contains("the same file"), "\(same.stderr)")
        #expect(try String(contentsOfFile: dir + "/out.yaml", encoding: .utf8) == "old flow\n")
    }

    /// The profile names the flow relative to the profile's own folder, whatever the working directory.
    @Test(arguments: [("flow.yaml", "../p.yaml"), ("flow.yaml", "ABSOLUTE/p.yaml"), ("../flow.yaml", "p.yaml")])
    func profileFindsTheFlow(_ output: String, _ profile: String) throws {
        let dir = try Self.folder()
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        let profilePath = profile.replacingOccurrences(of: "ABSOLUTE", with: dir)
        let result = try RehearseBinary.run(
            ["import", "har", Fixtures.path("chrome.har"), "-o", output, "--profile", profilePath],
            directory: dir + "/sub")
        #expect(result.status == 0, "\(result.stderr)")
        let environment = [
            "BASE_URL": "http://127.0.0.1:9", "ROLE_EMAIL": "e@x.test", "ROLE_PASSWORD": "pw", "APIKEY": "k",
            "COOKIE_LEGACY_SID": "c",
        ]
        let loadFrom = profilePath.hasPrefix("/") ? profilePath : dir + "/sub/" + profilePath
        let loaded = try ProfileLoader(environment: environment).load(path: loadFrom)
        #expect(
            loaded.flows.map(\.name) == [
                (output as NSString).lastPathComponent.replacingOccurrences(of: ".yaml", with: "")
            ])
    }
}
