import Testing

@testable import Scenario

@Suite struct CheckTests {
    let body = Array(#"{"ok":true,"tasks":[1,2],"name":"x"}"#.utf8)
    func render(_ t: Template) -> String { t.render { $0 == .role("email") ? "a@b.c" : nil } }

    func failure(_ check: Check, status: Int = 200, body: [UInt8]? = nil, duration: Duration = .milliseconds(5))
        -> String?
    {
        check.failure(status: status, body: body ?? self.body, duration: duration, render: render)
    }

    @Test func status() {
        #expect(failure(.status([200])) == nil)
        #expect(failure(.status([200]), status: 500) == "status 500, expected 200")
        #expect(failure(.status([200, 201]), status: 404) == "status 404, expected 200 or 201")
        #expect(failure(.status([200, 201, 204]), status: 500) == "status 500, expected one of 200, 201, 204")
    }

    @Test func bodyContainsShowsTheTemplateNotItsValue() throws {
        #expect(failure(.bodyContains(Template(literal: "tasks"))) == nil)
        #expect(failure(.bodyContains(Template(literal: "nope"))) == "body does not contain \"nope\"")
        let secret = try Template.parse("{{role.email}}")
        #expect(failure(.bodyContains(secret)) == "body does not contain \"{{role.email}}\"")
        #expect(failure(.bodyContains(secret), body: Array("hi a@b.c".utf8)) == nil)
    }

    @Test func jsonCheck() throws {
        let ok = try JSONPath.parse("$.ok")
        #expect(failure(.json(ok, .bool(true))) == nil)
        #expect(failure(.json(ok, .bool(false))) == "$.ok is true, expected false")
        #expect(failure(.json(try JSONPath.parse("$.tasks"), .array([.number(1), .number(2)]))) == nil)
        #expect(failure(.json(try JSONPath.parse("$.gone"), .number(1))) == "$.gone is missing, expected 1")
        #expect(failure(.json(ok, .bool(true)), body: Array("<html>".utf8)) == "body is not JSON, expected $.ok = true")
        #expect(
            Check.json(ok, .bool(true)).failure(status: 200, body: nil, duration: .zero, render: render)
                == "body is empty, expected $.ok = true")
    }

    @Test func maxDuration() {
        #expect(failure(.maxDuration(.seconds(2)), duration: .milliseconds(1999)) == nil)
        #expect(failure(.maxDuration(.seconds(2)), duration: .milliseconds(2500)) == "took 2.5s, expected at most 2s")
    }

    @Test func firstFailureOfAList() throws {
        let checks: [Check] = [.status([200]), .json(try JSONPath.parse("$.name"), .string("y")), .status([201])]
        #expect(
            checks.firstFailure(status: 200, body: body, duration: .zero, render: render)
                == "$.name is \"x\", expected \"y\"")
        #expect([Check]().firstFailure(status: 500, body: nil, duration: .zero, render: render) == nil)
    }
}
