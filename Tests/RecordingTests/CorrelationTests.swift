import Foundation
import Scenario
import Testing

@testable import Recording

/// Values reused from earlier responses become captures of those responses.
@Suite struct CorrelationTests {
    @Test func chromeTokenIDsAndETag() throws {
        let result = try Fixtures.importHAR("chrome.har")
        let flow = result.flow
        let login = try #require(flow.request("POST /api/login"))
        #expect(
            login.captures == [
                Capture(name: "access_token", source: .json(try JSONPath.parse("$.access_token"))),
                Capture(name: "user_id", source: .json(try JSONPath.parse("$.user.id"))),
            ])
        let me = try #require(flow.request("GET /api/me"))
        #expect(me.headers.first { $0.name == "authorization" }?.value.description == "Bearer {{access_token}}")
        let list = try #require(flow.request("GET /rest/v1/tasks"))
        #expect(list.query.map { "\($0.name)=\($0.value)" } == ["select=*", "owner=eq.{{user_id}}", "limit=20"])
        #expect(list.captures == [Capture(name: "task_id", source: .json(try JSONPath.parse("$[0].id")))])
        let detail = try #require(flow.request("GET /rest/v1/tasks/{{task_id}}"))
        #expect(detail.captures == [Capture(name: "etag", source: .header("etag"))])
        let patch = try #require(flow.request("PATCH /rest/v1/tasks/{{task_id}}"))
        #expect(patch.headers.first { $0.name == "if-match" }?.value.description == "{{etag}}")
        // The ID was a number in the JSON body: it stays one (a raw JSON body, since json: bodies template strings).
        #expect(
            patch.body == .raw(try Template.parse(#"{"id":{{task_id}},"done":true}"#), contentType: "application/json"))
        #expect(
            result.report.correlations.map { "\($0.capture) ← \($0.sourceStep) \($0.from) ×\($0.uses)" } == [
                "access_token ← POST /api/login $.access_token ×6", "user_id ← POST /api/login $.user.id ×1",
                "task_id ← GET /rest/v1/tasks $[0].id ×3", "etag ← GET /rest/v1/tasks/{{task_id}} header etag ×1",
            ])
        // A secret-looking value is never shown in the report.
        #expect(result.report.correlations[0].shown == "*** (92 characters)")
    }

    @Test func firefoxLocationRegexFromHTMLAndURLFromJSON() throws {
        let flow = try Fixtures.importHAR("firefox.har").flow
        let page = try #require(flow.request("GET /app/"))
        #expect(
            page.captures == [Capture(name: "authenticity_token", source: .regex(#"token" content="([A-Za-z0-9]+)"#))])
        let login = try #require(flow.request("POST /session"))
        #expect(
            login.body
                == .form([
                    QueryItem(name: "username", value: try Template.parse("{{role.username}}")),
                    QueryItem(name: "password", value: try Template.parse("{{role.password}}")),
                    QueryItem(name: "authenticity_token", value: try Template.parse("{{authenticity_token}}")),
                ]))
        #expect(login.captures == [Capture(name: "location", source: .header("Location"))])
        #expect(flow.requests[2].url.description == "{{location}}" && flow.requests[2].query.isEmpty)
        let create = try #require(flow.request("POST /api/projects/5521/tasks"))
        #expect(create.headers.first { $0.name == "X-CSRF-Token" }?.value.description == "{{authenticity_token}}")
        #expect(flow.requests.last?.url.description == "{{url}}" && flow.requests.last?.method == "DELETE")
    }

    @Test func mitmproxyAndCharles() throws {
        let mitm = try Fixtures.importHAR("mitmproxy.har").flow
        #expect(
            mitm.requests.map(\.url.description) == ["/api/login", "/api/dashboard/tasks", "/api/tasks/{{task_id}}"])
        #expect(mitm.requests[1].headers.map(\.value.description) == ["Bearer {{token}}"])
        let charles = try Fixtures.importHAR("charles.har").flow
        #expect(
            charles.requests.map(\.url.description) == [
                "/account/login", "/api/cart/{{cart_id}}", "/api/cart/{{cart_id}}/items",
            ])
        #expect(charles.requests[1].headers.map { "\($0.name): \($0.value)" } == ["X-Session: {{session}}"])
    }

    /// Builds a HAR of a login answering `loginBody`, then one request per `(url, headers)`.
    static func flow(loginBody: String, _ requests: [(String, [(String, String)])]) throws -> Flow {
        var entries = [HARText.entry("POST", "http://a.test/api/login", at: 0, body: loginBody)]
        for (i, r) in requests.enumerated() {
            entries.append(HARText.entry("GET", "http://a.test" + r.0, at: 100 * (i + 1), requestHeaders: r.1))
        }
        return try HARImport.run(path: try Fixtures.temporary(HARText.document(entries: entries))).flow
    }

    @Test func shortCommonAndWordValuesAreNotCorrelated() throws {
        let flow = try Self.flow(
            loginBody: #"{"limit": 50, "status": "active", "ok": true, "id": 7, "day": "2024-05-06", "n": 1234}"#,
            [("/api/tasks?limit=50&status=active&day=2024-05-06&flag=true&page=7", []), ("/api/n/1234", [])])
        #expect(flow.requests[1].query.allSatisfy { $0.value.isLiteral })
        // Four digits is enough to be an ID.
        #expect(flow.requests[2].url.description == "/api/n/{{n}}")
    }

    @Test func valuesTheClientSentFirstAreNotCorrelated() throws {
        let har = HARText.document(entries: [
            HARText.entry("GET", "http://a.test/api/search?q=widget-2024", at: 0, body: #"{"query": "widget-2024"}"#),
            HARText.entry("GET", "http://a.test/api/search?q=widget-2024&page=2", at: 100),
        ])
        let flow = try HARImport.run(path: try Fixtures.temporary(har)).flow
        #expect(flow.requests.allSatisfy { r in r.captures.isEmpty && r.query.allSatisfy { $0.value.isLiteral } })
    }

    @Test func theEarliestResponseWins() throws {
        let har = HARText.document(entries: [
            HARText.entry("GET", "http://a.test/api/first", at: 0, body: #"{"key": "abc-123456"}"#),
            HARText.entry("GET", "http://a.test/api/second", at: 100, body: #"{"other": "abc-123456"}"#),
            HARText.entry("GET", "http://a.test/api/use/abc-123456", at: 200),
        ])
        let flow = try HARImport.run(path: try Fixtures.temporary(har)).flow
        #expect(flow.requests[0].captures.map(\.name) == ["first_key"])
        #expect(flow.requests[1].captures.isEmpty)
        #expect(flow.requests[2].url.description == "/api/use/{{first_key}}")
    }

    @Test func everyCaptureReadsBackTheRecordedValue() throws {
        // The same ID twice in the list: the capture points at the first occurrence.
        let flow = try Self.flow(
            loginBody: #"{"items": [{"id": "x-00001"}, {"id": "x-00002"}, {"ref": "x-00002"}]}"#,
            [("/api/items/x-00002", [])])
        #expect(
            flow.requests[0].captures == [Capture(name: "item_id", source: .json(try JSONPath.parse("$.items[1].id")))])
    }

    @Test func oddJSONKeysAreQuotedInPaths() throws {
        let flow = try Self.flow(
            loginBody: #"{"the token": "t-99887766", "a.b": {"c": "q-11223344"}}"#,
            [("/api/x", [("Authorization", "Bearer t-99887766")]), ("/api/y/q-11223344", [])])
        #expect(
            flow.requests[0].captures.map(\.source) == [
                .json(try JSONPath.parse("$['the token']")), .json(try JSONPath.parse("$['a.b'].c")),
            ])
    }

    @Test func deterministic() throws {
        let a = try Fixtures.importHAR("chrome.har").yaml
        let b = try Fixtures.importHAR("chrome.har").yaml
        #expect(a == b)
    }
}

/// Cookies the server set and the page copies into a header (CSRF double submit), and content-type checks.
@Suite struct CookieAndContentTypeTests {
    static let har = HARText.document(entries: [
        HARText.entry(
            "GET", "http://a.test/", at: 0, mime: "text/html", body: "<html>",
            responseHeaders: [
                ("Set-Cookie", "csrftoken=Qw8rT5yU2iO9pA3s; Path=/; SameSite=Lax"),
                ("Content-Type", "text/html; charset=utf-8"),
            ]),
        HARText.entry(
            "POST", "http://a.test/api/items", at: 100, status: 201, body: #"{"id": 4321}"#,
            requestHeaders: [("X-CSRFToken", "Qw8rT5yU2iO9pA3s"), ("Cookie", "csrftoken=Qw8rT5yU2iO9pA3s")],
            responseHeaders: [("Content-Type", "application/json")]),
    ])

    @Test func aCookieCopiedIntoAHeaderIsCapturedFromSetCookie() throws {
        let result = try HARImport.run(path: try Fixtures.temporary(Self.har))
        let page = try #require(result.flow.requests.first)
        #expect(page.captures == [Capture(name: "csrftoken", source: .cookie("csrftoken"))])
        let post = try #require(result.flow.requests.last)
        #expect(post.headers.map { "\($0.name): \($0.value)" } == ["X-CSRFToken: {{csrftoken}}"])
        #expect(!result.yaml.contains("Qw8rT5yU2iO9pA3s"))
        #expect(result.report.correlations.first?.from == "cookie csrftoken")
    }

    @Test func contentTypeChecksOnlyWhenAsked() throws {
        let path = try Fixtures.temporary(Self.har)
        #expect(try HARImport.run(path: path).flow.requests.allSatisfy { $0.checks.count == 1 })
        var options = ImportOptions()
        options.checkContentType = true
        let flow = try HARImport.run(path: path, options: options).flow
        #expect(
            flow.requests.map(\.checks) == [
                [.status([.statusClass(2)]), .contentType("text/html")],
                [.status([.statusClass(2)]), .contentType("application/json")],
            ])
    }

    /// Issue 13 §1: by default the recorded status's class, so a role that sees other data still passes;
    /// `--strict-status` checks the exact codes; the report says which.
    @Test func statusChecksAreClassesUnlessStrict() throws {
        let path = try Fixtures.temporary(Self.har)
        let byClass = try HARImport.run(path: path)
        #expect(byClass.flow.requests.map(\.checks) == [[.status([.statusClass(2)])], [.status([.statusClass(2)])]])
        #expect(byClass.yaml.contains("status: 2xx"))
        #expect(ImportReportText.render(byClass.report, output: nil).contains("status: 2xx"))
        var options = ImportOptions()
        options.strictStatus = true
        let strict = try HARImport.run(path: path, options: options)
        #expect(strict.flow.requests.map(\.checks) == [[.status([200])], [.status([201])]])
        #expect(ImportReportText.render(strict.report, output: nil).contains("--strict-status"))
    }
}

extension CorrelationTests {
    @Test func constantPathsInResponsesAreNotCaptured() throws {
        let flow = try Self.flow(
            loginBody: #"{"links": {"me": "/api/me", "next": "/api/tasks/77123?page=2"}}"#,
            [("/api/me", []), ("/api/tasks/77123?page=2", [])])
        #expect(flow.requests[1].url.description == "/api/me")
        #expect(flow.requests[2].url.description == "{{next}}")
    }
}

/// Keys a JSON path must quote and escape are written so the loader reads the same key back.
@Suite struct CaptureKeyEscapingTests {
    @Test(arguments: [#"c\d"#, "it's", #"a\'b"#, "x y"])
    func oddKeysLoadBackTheSameCapture(_ key: String) throws {
        let body = String(data: try JSONSerialization.data(withJSONObject: [key: "a1b2c3d4e5"]), encoding: .utf8)!
        let har = HARText.document(entries: [
            HARText.entry("GET", "http://a.test/api/new", at: 0, body: body),
            HARText.entry("GET", "http://a.test/api/items/a1b2c3d4e5", at: 500),
        ])
        let result = try HARImport.run(path: try Fixtures.temporary(har))
        let capture = try #require(result.flow.requests.first?.captures.first)
        guard case .json(let path) = capture.source else {
            Issue.record("expected a json capture, got \(capture.source)")
            return
        }
        #expect(path.components == [.key(key)])
        #expect(try JSONPath.parse(path.text).components == [.key(key)])
        #expect(capture.extract(body: Array(body.utf8), headers: []) == "a1b2c3d4e5")
        #expect(result.flow.requests.last?.url.description == "/api/items/{{\(capture.name)}}")
    }
}
