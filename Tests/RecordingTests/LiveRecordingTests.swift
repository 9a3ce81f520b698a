import Foundation
import TestSupport
import Testing

/// Issue 4's "done when", recorded live: the test records a HAR with a real browser — headless Chromium from
/// Debian, through mitmproxy from PyPI, against the demo server (`scripts/record-har.sh`, everything on loopback,
/// in a network namespace of its own where the kernel allows) — signed in as `user3`, imports it, and replays it
/// as `admin` and as `user7` against a demo server of its own with every check passing.
/// `make test` installs Chromium and mitmproxy; without them this test fails and says what is missing.
@Suite(.serialized) struct LiveRecordingTests {
    static let root = RehearseBinary.packageRoot

    static func has(_ tool: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains { dir in
            FileManager.default.isExecutableFile(atPath: "\(dir)/\(tool)")
        }
    }

    @Test(.timeLimit(.minutes(3))) func aLiveChromiumRecordingReplaysAsOtherRoles() throws {
        guard Self.has("chromium"), Self.has("mitmdump") else {
            Issue.record("Chromium and mitmproxy are needed to record a HAR: run `make test-deps` (or `make test`)")
            return
        }
        let dir = try ImportCommandTests.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let har = dir + "/user3.har"
        let recorded = try Self.runScript([har, "user3@demo.test", "demo-user"])
        #expect(recorded.status == 0, "record-har.sh failed:\n\(recorded.stderr)")
        let text = try String(contentsOfFile: har, encoding: .utf8)
        #expect(text.contains("\"creator\"") && text.contains("mitmproxy") && text.contains("/api/tasks/"))

        try FileManager.default.createDirectory(atPath: dir + "/flows", withIntermediateDirectories: true)
        let imported = try RehearseBinary.run(["import", "har", har, "-o", dir + "/flows/dashboard.yaml"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let flow = try String(contentsOfFile: dir + "/flows/dashboard.yaml", encoding: .utf8)
        #expect(!flow.contains("demo-user"), "the recorded password never reaches the flow")
        #expect(
            flow.contains("{{role.email}}") && flow.contains("/api/tasks/{{"),
            "the login and the task ID are correlated")
        #expect(!flow.contains("Bearer ey") && !flow.lowercased().contains("bearer 0") && flow.contains("Bearer {{"))

        try ReplayTests.writeReplayProfile(in: dir)
        try ReplayTests.withDemoServer { base in
            let run = try RehearseBinary.run(
                ["run", dir + "/replay.yaml", "--out", dir + "/Results", "-q"], environment: ["BASE_URL": base])
            #expect(run.status == 0, "every check passes as admin and user7:\n\(run.stdout)\n\(run.stderr)")
            #expect(run.stdout.contains("admin") && run.stdout.contains("user"))
        }
    }

    /// `scripts/record-har.sh` with the debug binary; its own timeouts bound it, and the test's time limit.
    static func runScript(_ arguments: [String]) throws -> ChildProcess.Output {
        try ChildProcess.run(
            "/bin/bash", [root.appendingPathComponent("scripts/record-har.sh").path] + arguments,
            environment: ["REHEARSE": RehearseBinary.path, "RECORD_TIMEOUT": "60"], timeout: .seconds(150))
    }
}
