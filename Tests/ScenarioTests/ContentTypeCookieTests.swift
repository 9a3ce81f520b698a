import Testing

@testable import Scenario

/// The `content_type` check and the `cookie` capture (added for flows imported from recordings).
@Suite struct ContentTypeCookieTests {
    @Test func decodes() throws {
        let flow = try decodeFlow(
            """
            steps:
              - post: /login
                capture:
                  csrf: { cookie: csrftoken }
                check:
                  status: 200
                  content_type: application/json
              - get: /x
                headers: { X-CSRFToken: "{{csrf}}" }
            """)
        let login = try #require(onlyRequest(flow))
        #expect(login.captures == [Capture(name: "csrf", source: .cookie("csrftoken"))])
        #expect(login.checks == [.status([200]), .contentType("application/json")])
        #expect(login.needsHeaders && !login.needsBody)
    }

    @Test func errorsNameTheNewKeys() {
        let capture = scenarioError { try decodeFlow("steps:\n  - get: /\n    capture:\n      x: { cookie: \"\" }\n") }
        #expect(capture?.message == "must not be empty")
        let unknown = scenarioError { try decodeFlow("steps:\n  - get: /\n    check:\n      content_typ: a/b\n") }
        #expect(unknown?.hint == "did you mean \"content_type\"?")
    }

    @Test func contentTypeComparesMediaTypesOnly() {
        func failure(_ expected: String, _ headers: [(name: String, value: String)]) -> String? {
            Check.contentType(expected).failure(
                status: 200, body: nil, duration: .zero, render: { $0.description }, headers: headers)
        }
        #expect(failure("application/json", [("Content-Type", "application/json; charset=utf-8")]) == nil)
        #expect(failure("Application/JSON", [("content-type", "application/json")]) == nil)
        #expect(
            failure("application/json", [("Content-Type", "text/html")])
                == "content type text/html, expected application/json")
        #expect(failure("application/json", []) == "no content type, expected application/json")
        #expect(
            [Check.status([200]), .contentType("text/plain")].firstFailure(
                status: 200, body: nil, duration: .zero, render: { $0.description },
                headers: [("Content-Type", "text/html")])
                == "content type text/html, expected text/plain")
    }

    @Test func cookieCaptureReadsTheNamedSetCookie() {
        let headers: [(name: String, value: String)] = [
            ("Set-Cookie", "session=abc; Path=/; HttpOnly"), ("set-cookie", "csrftoken=\"tok-123\"; Path=/"),
            ("X-Other", "csrftoken=no"),
        ]
        #expect(Capture(name: "c", source: .cookie("csrftoken")).extract(body: nil, headers: headers) == "tok-123")
        #expect(Capture(name: "c", source: .cookie("session")).extract(body: nil, headers: headers) == "abc")
        #expect(Capture(name: "c", source: .cookie("missing")).extract(body: nil, headers: headers) == nil)
    }
}
