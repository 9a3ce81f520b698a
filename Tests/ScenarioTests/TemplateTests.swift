import Testing

@testable import Scenario

@Suite struct TemplateTests {
    @Test func parsesEveryVariableKind() throws {
        let t = try Template.parse("/u/{{ env.API_HOST }}/{{vu}}-{{iteration}}?e={{role.email}}&t={{token}}")
        #expect(t.variables == [.env("API_HOST"), .vu, .iteration, .role("email"), .capture("token")])
        #expect(t.parts.first == .literal("/u/"))
        #expect(t.description == "/u/{{env.API_HOST}}/{{vu}}-{{iteration}}?e={{role.email}}&t={{token}}")
    }

    @Test func arrivalIsAVariableNotACapture() throws {
        let t = try Template.parse("/ok?a={{ arrival }}")
        #expect(t.variables == [.arrival])
        #expect(t.description == "/ok?a={{arrival}}")
    }

    @Test func plainTextIsOneLiteral() throws {
        #expect(try Template.parse("hello } {") == Template(literal: "hello } {"))
        #expect(try Template.parse("") == Template(parts: []))
        #expect(try Template.parse("a}}b").isLiteral)
    }

    @Test func rendersWithLookup() throws {
        let t = try Template.parse("Bearer {{token}} #{{vu}}")
        let text = t.render { v in v == .capture("token") ? "abc" : nil }
        #expect(text == "Bearer abc #")
    }

    @Test func unterminatedIsAnError() {
        #expect(
            throws: ParseFailure(
                "unterminated \"{{\" — no closing \"}}\"", hint: "close the placeholder with }}, e.g. {{token}}")
        ) {
            try Template.parse("Bearer {{token")
        }
    }

    @Test func badPlaceholders() {
        #expect(throws: ParseFailure.self) { try Template.parse("{{}}") }
        #expect(throws: ParseFailure.self) { try Template.parse("{{ two words }}") }
        #expect(throws: ParseFailure.self) { try Template.parse("{{env.}}") }
        let failure = #expect(throws: ParseFailure.self) { try Template.parse("{{secrets.x}}") }
        #expect(failure?.message == "unknown variable \"{{secrets.x}}\"")
    }
}
