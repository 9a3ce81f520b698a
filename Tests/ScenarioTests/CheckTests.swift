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

    /// Issue 13 §1: a status class (`2xx`) passes any status of the class, alone or listed with codes.
    @Test func statusClass() throws {
        #expect(failure(.status([.statusClass(2)]), status: 206) == nil)
        #expect(failure(.status([.statusClass(2)]), status: 299) == nil)
        #expect(failure(.status([.statusClass(2)]), status: 302) == "status 302, expected 2xx")
        #expect(failure(.status([.statusClass(2), 304]), status: 304) == nil)
        #expect(failure(.status([.statusClass(2), 304]), status: 404) == "status 404, expected 2xx or 304")
        #expect(failure(.status([.statusClass(5)]), status: 0) == "status 0, expected 5xx")
        #expect(StatusPattern("2XX") == .statusClass(2) && StatusPattern("404") == .code(404))
        for bad in ["6xx", "0xx", "2x", "xx", "20", "600", "2xxx", "２xx", "-200"] {
            #expect(StatusPattern(bad) == nil, "\(bad)")
        }
        let flow = try FlowDecoder.decode(
            yaml:
                "steps:\n  - get: /a\n    check: { status: 2xx }\n  - get: /b\n    check: { status: [2xx, 304, 404] }\n",
            file: "f.yaml")
        let checks = flow.steps.compactMap { if case .request(let r) = $0 { r.checks } else { nil } }
        #expect(checks == [[.status([.statusClass(2)])], [.status([.statusClass(2), 304, 404])]])
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
