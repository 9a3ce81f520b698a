import Testing

@testable import Scenario

@Suite struct JSONPathTests {
    let document = JSONValue.parse(#"{"token":"t1","items":[{"id":7},{"id":8}],"odd key":{"n":null}}"#)!

    @Test func parsesComponents() throws {
        let path = try JSONPath.parse("$.items[-1]['id']")
        #expect(path.components == [.key("items"), .index(-1), .key("id")])
        #expect(path.text == "$.items[-1]['id']")
        #expect(try JSONPath.parse("$").components.isEmpty)
        #expect(try JSONPath.parse(#"$["odd key"].n"#).components == [.key("odd key"), .key("n")])
    }

    @Test func evaluates() throws {
        #expect(try JSONPath.parse("$.token").evaluate(in: document) == .string("t1"))
        #expect(try JSONPath.parse("$.items[0].id").evaluate(in: document) == .number(7))
        #expect(try JSONPath.parse("$.items[-1].id").evaluate(in: document) == .number(8))
        #expect(try JSONPath.parse("$['odd key'].n").evaluate(in: document) == .null)
        #expect(try JSONPath.parse("$.items[2]").evaluate(in: document) == nil)
        #expect(try JSONPath.parse("$.token.x").evaluate(in: document) == nil)
        #expect(try JSONPath.parse("$.missing").evaluate(in: document) == nil)
    }

    @Test func rejectsInvalidPaths() {
        for text in ["token", "$.", "$[", "$[x]", "$['a'", "$..a", "$a"] {
            #expect(throws: ParseFailure.self, "\(text)") { try JSONPath.parse(text) }
        }
        let failure = #expect(throws: ParseFailure.self) { try JSONPath.parse("token") }
        #expect(failure?.message == "bad JSON path \"token\" — it must start with $")
    }
}
