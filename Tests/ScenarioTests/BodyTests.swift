import Foundation
import Testing

@testable import Scenario

@Suite struct BodyTests {
    let values: [Variable: String] = [
        .role("email"): "ann@example.com", .role("password"): "p\"w\\d\n", .capture("token"): "a b&c=d/é",
    ]
    func lookup(_ v: Variable) -> String? { values[v] }

    /// JSON written as text (an imported body with a number placeholder): values inside strings are escaped,
    /// values outside are inserted as they are.
    @Test func rawJSONBodyEscapesPlaceholdersInsideStrings() throws {
        let text = #"{"org":{{org}},"note":"a \"quoted\" {{x}}","password":"{{role.password}}","list":[{{org}}]}"#
        let values: [String: String] = ["org": "77123", "x": "q\"x", "role.password": #"pa"ss\w"#]
        func lookup(_ v: Variable) -> String? { values["\(v)"] }
        let body = Body.raw(try Template.parse(text), contentType: "application/vnd.api+json; charset=utf-8")
        let rendered = String(decoding: body.render(lookup).bytes, as: UTF8.self)
        #expect(rendered == #"{"org":77123,"note":"a \"quoted\" q\"x","password":"pa\"ss\\w","list":[77123]}"#)
        let parsed = try JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String: Any]
        #expect(parsed?["password"] as? String == #"pa"ss\w"#)
        let plain = Body.raw(try Template.parse(text), contentType: "text/plain")
        #expect(String(decoding: plain.render(lookup).bytes, as: UTF8.self).contains(#""password":"pa"ss\w""#))
    }

    @Test func rawBodyRendersTheTemplate() throws {
        let body = Body.raw(try Template.parse("user={{role.email}}"), contentType: "text/plain")
        let (bytes, type) = body.render(lookup)
        #expect(String(decoding: bytes, as: UTF8.self) == "user=ann@example.com")
        #expect(type == "text/plain")
        #expect(Body.raw(Template(literal: "x"), contentType: nil).render(lookup).contentType == nil)
    }

    @Test func jsonBodyEscapesInsertedValues() throws {
        let body = Body.json(
            .object([
                ("email", .string("{{role.email}}")), ("password", .string("{{ role.password }}")),
                ("n", .number(3)), ("tags", .array([.string("x{{vu}}"), .bool(true), .null])),
            ]))
        let (bytes, type) = body.render(lookup)
        #expect(type == "application/json")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == #"{"email":"ann@example.com","password":"p\"w\\d\n","n":3,"tags":["x",true,null]}"#)
        #expect(JSONValue.parse(bytes) != nil)
    }

    @Test func formBodyIsPercentEncoded() throws {
        let body = Body.form([
            QueryItem(name: "email", value: try Template.parse("{{role.email}}")),
            QueryItem(name: "q", value: try Template.parse("{{token}}")),
        ])
        let (bytes, type) = body.render(lookup)
        #expect(type == "application/x-www-form-urlencoded")
        #expect(String(decoding: bytes, as: UTF8.self) == "email=ann%40example.com&q=a+b%26c%3Dd%2F%C3%A9")
    }

    @Test func queryItemsEncode() throws {
        let items = [
            QueryItem(name: "limit", value: Template(literal: "50")),
            QueryItem(name: "search term", value: try Template.parse("{{token}}")),
        ]
        #expect(items.encoded(lookup) == "limit=50&search%20term=a%20b%26c%3Dd%2F%C3%A9")
        #expect([QueryItem]().encoded(lookup) == "")
    }
}
