import Testing

@testable import Scenario

@Suite struct CaptureTests {
    let body = Array(#"{"token":"abc","user":{"id":42,"roles":["a"]},"n":null} id=77;"#.utf8)
    let json = Array(#"{"token":"abc","user":{"id":42,"roles":["a"]},"n":null}"#.utf8)
    let headers: [(name: String, value: String)] = [("Content-Type", "text/plain"), ("X-Request-Id", "r-1")]

    @Test func jsonCapture() throws {
        let token = Capture(name: "token", source: .json(try JSONPath.parse("$.token")))
        #expect(token.extract(body: json, headers: []) == "abc")
        let id = Capture(name: "id", source: .json(try JSONPath.parse("$.user.id")))
        #expect(id.extract(body: json, headers: []) == "42")
        let roles = Capture(name: "roles", source: .json(try JSONPath.parse("$.user.roles")))
        #expect(roles.extract(body: json, headers: []) == #"["a"]"#)
        let missing = Capture(name: "m", source: .json(try JSONPath.parse("$.nope")))
        #expect(missing.extract(body: json, headers: []) == nil)
        #expect(token.extract(body: nil, headers: []) == nil)
        #expect(token.extract(body: Array("not json".utf8), headers: []) == nil)
    }

    @Test func headerCaptureIgnoresCase() {
        let capture = Capture(name: "rid", source: .header("x-request-id"))
        #expect(capture.extract(body: nil, headers: headers) == "r-1")
        #expect(Capture(name: "x", source: .header("X-Other")).extract(body: nil, headers: headers) == nil)
    }

    @Test func regexCaptureUsesFirstGroup() {
        let group = Capture(name: "id", source: .regex(#"id=(\d+)"#))
        #expect(group.extract(body: body, headers: []) == "77")
        let whole = Capture(name: "id", source: .regex(#"\d+;"#))
        #expect(whole.extract(body: body, headers: []) == "77;")
        #expect(Capture(name: "x", source: .regex("zzz")).extract(body: body, headers: []) == nil)
    }

    @Test func regexIsCompiledOnceAndFollowsSourceChanges() {
        var capture = Capture(name: "id", source: .regex(#"id=(\d+)"#))
        #expect(capture.compiled?.pattern == #"id=(\d+)"#)
        capture.source = .regex(#"token":"(\w+)"#)
        #expect(capture.extract(body: body, headers: []) == "abc")
        #expect(capture == Capture(name: "id", source: .regex(#"token":"(\w+)"#)))
    }

    @Test func extractAllSharesOneParse() throws {
        let captures = [
            Capture(name: "token", source: .json(try JSONPath.parse("$.token"))),
            Capture(name: "rid", source: .header("X-Request-Id")),
        ]
        let values = captures.extractAll(body: json, headers: headers)
        #expect(values.map(\.name) == ["token", "rid"])
        #expect(values.map(\.value) == ["abc", "r-1"])
    }
}
