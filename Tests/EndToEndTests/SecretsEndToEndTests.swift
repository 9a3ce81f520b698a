import Foundation
import TestSupport
import Testing

/// No secret in clear, anywhere (issue 13 §2): every command — run (with JUnit and Markdown), report, compare,
/// probe (with its evidence and metrics file) and import — runs against a server that answers with credentials
/// (`/token`) and echoes what it is sent (`/echo`); then every stream and every file written is searched for every
/// secret: the role's password, environment values, the base URL's user info, and the server's tokens, JWT,
/// cookie and auth header (all holding `TestServer.Credentials.marker`).
@Suite("secrets stay out of every output")
struct SecretsEndToEndTests {
    static let password = "pw-Secret-4711!"
    static let apiKey = "ak_live_93b1f0c2d4"
    static let basePassword = "base-Pass-5520"
    static var environment: [String: String] {
        ["LEAK_PASSWORD": password, "LEAK_API_KEY": apiKey, "LEAK_BASE_PASSWORD": basePassword]
    }
    /// Every text that must not appear: the values, and the base URL's user info as libcurl sends it (Basic).
    static var secrets: [String] {
        [
            password, apiKey, basePassword, TestServer.Credentials.marker,
            Data("tester:\(basePassword)".utf8).base64EncodedString(),
        ]
    }

    /// Logs in, sends the credentials back in headers, a query and a body, and checks what the echo returns so
    /// that every failure message would quote a secret.
    static let flow = """
        continue_on_failure: true
        steps:
          - name: login
            post: /token
            json: { email: "{{role.email}}", password: "{{role.password}}" }
            capture:
              token: { json: $.token }
              jwt: { json: $.jwt }
              session: { cookie: session }
          - name: echo-headers
            get: /echo?access_token={{token}}&q=1
            headers:
              Authorization: "Bearer {{jwt}}"
              X-API-Key: "{{env.LEAK_API_KEY}}"
              X-Debug: "t={{token}} s={{session}}"
            check:
              json: { $.headers: nope }
          - name: echo-body
            post: /echo
            json: { password: "{{role.password}}", note: "x{{token}}y", other: "{{jwt}}" }
            check:
              json: { $.body: nope }
          - name: token-at-a-key
            get: /token
            check:
              json: { $.token: nope }
          - name: whole-document
            post: /echo?t={{token}}
            body: "raw {{token}} {{role.password}}"
            check:
              json: { $: nope }
        """

    static func profile(port: Int, extra: String = "") -> String {
        let roles = """
              admin:
                fields:
                  email: admin@example.test
                  password: { env: LEAK_PASSWORD }
            """
        return Workspace.profileYAML(
            base: "http://tester:{{env.LEAK_BASE_PASSWORD}}@127.0.0.1:\(port)", load: "{ vus: 2, iterations: 4 }",
            roles: roles, extra: extra)
    }

    /// Fails the test for each secret found in `text` (named `place`).
    static func expectClean(_ text: String, _ place: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in secrets where text.contains(secret) {
            Issue.record("\(place) contains \(secret)", sourceLocation: sourceLocation)
        }
    }

    static func expectClean(_ output: ChildProcess.Output, _ command: String) {
        expectClean(output.stdout, "\(command): stdout")
        expectClean(output.stderr, "\(command): stderr")
    }

    static func expectCleanFiles(under folder: URL) throws -> Int {
        let files = Workspace.files(under: folder)
        for file in files { expectClean(try String(contentsOf: file, encoding: .utf8), file.path) }
        return files.count
    }

    @Test func runReportAndCompare() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let ws = try Workspace()
        defer { ws.remove() }
        let path = try ws.write(
            profile: Self.profile(port: server.port, extra: "thresholds:\n  - error_rate < 1%\n"), flow: Self.flow)
        let junit = ws.folder.appendingPathComponent("reports/junit.xml").path
        let markdown = ws.folder.appendingPathComponent("reports/summary.md").path
        try FileManager.default.createDirectory(
            at: ws.folder.appendingPathComponent("reports"), withIntermediateDirectories: true)
        let run = try RehearseBinary.run(
            ["run", path, "--out", ws.results.path, "--junit", junit, "--markdown", markdown, "--phases"],
            environment: Self.environment)
        #expect(run.status == 99, "the checks fail on purpose, so the threshold does\n\(run.transcript)")
        #expect(server.requestCount(path: "/echo") == 12, "every step ran: \(run.transcript)")
        #expect(run.stdout.contains("***"), "failure messages show masked values\n\(run.transcript)")
        Self.expectClean(run, "run")
        let folder = try ws.runFolder()
        let second = try RehearseBinary.run(
            ["run", path, "--out", ws.folder.appendingPathComponent("second").path, "-q"],
            environment: Self.environment)
        Self.expectClean(second, "second run")

        for arguments in [
            ["report", folder.path], ["report", folder.path, "--json"], ["report", folder.path, "--phases"],
            ["report", folder.path, "--html"], ["report", folder.path, "--slowest", "3"],
            ["diff-roles", folder.path], ["diff-roles", folder.path, "--json"],
        ] {
            let report = try RehearseBinary.run(arguments, environment: Self.environment)
            // diff-roles on this one-role run says there is nothing to compare (2): its words are checked all the same.
            #expect(
                report.status == 0 || report.status == 1 || (arguments[0] == "diff-roles" && report.status == 2),
                "\(report.transcript)")
            Self.expectClean(report, arguments.joined(separator: " "))
        }
        let secondFolder = try #require(
            Workspace.files(under: ws.folder.appendingPathComponent("second")).first?.deletingLastPathComponent())
        let compareMarkdown = ws.folder.appendingPathComponent("reports/compare.md").path
        for arguments in [
            ["compare", folder.path, secondFolder.path, "--markdown", compareMarkdown],
            ["compare", folder.path, secondFolder.path, "--json"],
            [
                "compare", folder.path, secondFolder.path, "--html",
                ws.folder.appendingPathComponent("reports/cmp.html").path,
            ],
        ] {
            let compare = try RehearseBinary.run(arguments, environment: Self.environment)
            #expect(compare.status == 0, "\(compare.transcript)")
            Self.expectClean(compare, arguments.joined(separator: " "))
        }
        // The pages people open are written too, and held to the same rule.
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.html").path))
        #expect(FileManager.default.fileExists(atPath: ws.folder.appendingPathComponent("reports/cmp.html").path))
        let written = try Self.expectCleanFiles(under: ws.folder)
        #expect(written >= 9, "profile, flow, JUnit, Markdown ×2, two runs' summary and histograms: \(written)")
    }

    @Test func probeWithEvidenceAndMetrics() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let ws = try Workspace()
        defer { ws.remove() }
        let path = try ws.write(
            profile: Self.profile(port: server.port, extra: "probe:\n  default: { failed: 3s }\n"), flow: Self.flow)
        let metrics = ws.folder.appendingPathComponent("probe.prom").path
        let probe = try RehearseBinary.run(
            ["probe", path, "--out", ws.results.path, "--textfile", metrics], environment: Self.environment,
            timeout: .seconds(30))
        #expect(probe.status == 2, "\(probe.transcript)")
        Self.expectClean(probe, "probe")
        let evidence = try String(
            contentsOf: try ws.runFolder().appendingPathComponent("evidence.json"), encoding: .utf8)
        #expect(evidence.contains("/echo") && evidence.contains("***"), "the evidence is there, masked")
        #expect(try Self.expectCleanFiles(under: ws.folder) >= 4)
    }

    @Test func importOfARecordingFullOfCredentials() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let har = ws.folder.appendingPathComponent("recording.har")
        try Self.har.write(to: har, atomically: true, encoding: .utf8)
        let flow = ws.folder.appendingPathComponent("flows/imported.yaml").path
        let profile = ws.folder.appendingPathComponent("imported-profile.yaml").path
        try FileManager.default.createDirectory(
            at: ws.folder.appendingPathComponent("flows"), withIntermediateDirectories: true)
        let imported = try RehearseBinary.run(
            ["import", "har", har.path, "-o", flow, "--profile", profile], environment: Self.environment)
        #expect(imported.status == 0, "\(imported.transcript)")
        Self.expectClean(imported, "import har")
        let toStdout = try RehearseBinary.run(["import", "har", har.path], environment: Self.environment)
        Self.expectClean(toStdout, "import har to stdout")
        #expect(toStdout.stdout.contains("{{role.password}}"), "\(toStdout.transcript)")
        let files = Workspace.files(under: ws.folder).filter { $0.lastPathComponent != "recording.har" }
        #expect(files.count == 2)
        for file in files { Self.expectClean(try String(contentsOf: file, encoding: .utf8), file.path) }
    }

    /// A recording of a login (the password in a JSON body), an API call carrying the token, cookie, JWT and password
    /// in headers, a query and a raw body, and responses that hold the server's credentials.
    static var har: String {
        let c = TestServer.Credentials.self
        func entry(
            _ at: Int, _ method: String, _ url: String, headers: [(String, String)], body: String?, type: String,
            response: String, responseHeaders: [(String, String)] = []
        ) -> String {
            let requestHeaders = headers.map { #"{"name":"\#($0.0)","value":"\#(json($0.1))"}"# }.joined(separator: ",")
            let post = body.map { #","postData":{"mimeType":"\#(type)","text":"\#(json($0))"}"# } ?? ""
            let answerHeaders = ([("Content-Type", "application/json")] + responseHeaders).map {
                #"{"name":"\#($0.0)","value":"\#(json($0.1))"}"#
            }.joined(separator: ",")
            return #"""
                {"startedDateTime":"2026-01-01T00:00:0\#(at).000Z","time":10,
                 "request":{"method":"\#(method)","url":"\#(url)","httpVersion":"HTTP/1.1","headers":[\#(requestHeaders)],
                   "queryString":[],"cookies":[],"headersSize":-1,"bodySize":-1\#(post)},
                 "response":{"status":200,"statusText":"OK","httpVersion":"HTTP/1.1","headers":[\#(answerHeaders)],
                   "cookies":[],"content":{"size":\#(response.utf8.count),"mimeType":"application/json","text":"\#(json(response))"},
                   "redirectURL":"","headersSize":-1,"bodySize":-1},
                 "cache":{},"timings":{"send":1,"wait":5,"receive":1}}
                """#
        }
        func json(_ text: String) -> String {
            text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        }
        var entries: [String] = []
        entries.append(
            entry(
                0, "POST", "http://staging.test/api/login", headers: [("Content-Type", "application/json")],
                body: #"{"email":"ada@example.test","password":"\#(password)"}"#, type: "application/json",
                response: c.document, responseHeaders: [("Set-Cookie", "session=\(c.cookie); Path=/")]))
        entries.append(
            entry(
                1, "GET", "http://staging.test/api/me?access_token=\(c.token)&x=a\(password)",
                headers: [
                    ("Authorization", "Bearer \(c.jwt)"), ("Cookie", "session=\(c.cookie)"),
                    ("X-Debug", "pw=\(password)"),
                    ("X-API-Key", apiKey), ("X-Auth-Token", c.header),
                ], body: nil, type: "", response: #"{"me":"ada","echo":"\#(c.refreshToken)"}"#))
        entries.append(
            entry(
                2, "POST", "http://staging.test/api/debug", headers: [("Content-Type", "text/plain")],
                body: "pw \(password) token \(c.token) jwt \(c.jwt)", type: "text/plain", response: #"{"ok":true}"#))
        return #"{"log":{"version":"1.2","creator":{"name":"test","version":"1"},"pages":[],"entries":["#
            + entries.joined(separator: ",") + "]}}"
    }
}
