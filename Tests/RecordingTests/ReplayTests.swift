import Foundation
import TestSupport
import Testing

/// Issue 4's "done when": the real browser recording (headless Chromium through mitmproxy, as `user1`) imports
/// and replays with every check passing as other accounts and roles — and the same flow with the recorded task ID
/// put back fails, so the ID (and the token) really come from each virtual user's own responses.
@Suite(.serialized) struct ReplayTests {
    static let recording = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("EndToEndTests/Fixtures/recorded/chromium-mitmproxy-user.har").path

    /// `rehearse demo-server --port 0` (fast policy), stopped with SIGTERM when the body returns.
    static func withDemoServer<T>(_ body: (String) throws -> T) throws -> T {
        let server = try RehearseBinary.start(["demo-server", "--port", "0", "--policy", "fixed", "--rows", "200"])
        defer {
            server.terminate()
            _ = try? server.wait(timeout: .seconds(10))
        }
        let line = try server.waitForLine(containing: "http://")
        let base = try #require(
            line.firstRange(of: "http://").map { start in
                String(line[start.lowerBound...].prefix { !$0.isWhitespace })
            })
        return try body(base)
    }

    /// `replay.yaml` in `dir`: `flows/dashboard.yaml` at `{{env.BASE_URL}}`, as `admin` and `user7`, 2 VUs × 4
    /// iterations in all.
    static func writeReplayProfile(in dir: String) throws {
        try """
        target:
          base_url: "{{env.BASE_URL}}"
        flows: [flows/dashboard.yaml]
        roles:
          admin:
            fields: { email: admin@demo.test, password: demo-admin }
          user:
            fields: { email: user7@demo.test, password: demo-user }
        load: { vus: 2, iterations: 4 }
        """.write(toFile: dir + "/replay.yaml", atomically: true, encoding: .utf8)
    }

    @Test func theRecordedUserFlowReplaysAsAdminAndAnotherUser() throws {
        let dir = try ImportCommandTests.folder()
        try FileManager.default.createDirectory(atPath: dir + "/flows", withIntermediateDirectories: true)
        let imported = try RehearseBinary.run([
            "import", "har", Self.recording, "-o", dir + "/flows/dashboard.yaml",
        ])
        #expect(imported.status == 0)
        try ReplayTests.writeReplayProfile(in: dir)
        try Self.withDemoServer { base in
            let run = try RehearseBinary.run(
                ["run", dir + "/replay.yaml", "--out", dir + "/Results", "-q"], environment: ["BASE_URL": base])
            #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
            #expect(run.stdout.contains("GET /api/tasks/{{task_id}}"))
            // The recorded ID (user1's task) put back: neither admin nor user7 may read it.
            let flow = try String(contentsOfFile: dir + "/flows/dashboard.yaml", encoding: .utf8)
            try flow.replacingOccurrences(of: "/api/tasks/{{task_id}}", with: "/api/tasks/10100")
                .write(toFile: dir + "/flows/dashboard.yaml", atomically: true, encoding: .utf8)
            let stale = try RehearseBinary.run(
                ["run", dir + "/replay.yaml", "--out", dir + "/Results", "-q"], environment: ["BASE_URL": base])
            #expect(stale.status == 1 && stale.stdout.contains("status 404, expected 2xx"))
        }
    }
}
