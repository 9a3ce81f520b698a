import Foundation
import Testing

@testable import Scenario

@Suite struct ScenarioErrorTests {
    @Test func rendersLikeACompiler() {
        let full = ScenarioError(
            file: "Profiles/demo.yaml", line: 12, column: 5, field: "load.duration",
            message: "bad duration \"30\" — expected a number with a unit", hint: "add a unit, e.g. 30s")
        #expect(
            full.description == """
                Profiles/demo.yaml:12:5: error: load.duration: bad duration "30" — expected a number with a unit
                  hint: add a unit, e.g. 30s
                """)
        #expect(ScenarioError(file: "a.csv", line: 3, message: "m").description == "a.csv:3: error: m")
        #expect(ScenarioError(file: "a.yaml", field: "x", message: "m").description == "a.yaml: error: x: m")
        #expect(full.location == SourceLocation(file: "Profiles/demo.yaml", line: 12, column: 5))
    }

    @Test func suggestions() {
        #expect(Suggestions.closest(to: "duraton", in: LoadDecoder.allLoadKeys) == "duration")
        #expect(Suggestions.closest(to: "psot", in: RequestDecoder.keys) == "post")
        #expect(Suggestions.closest(to: "vu", in: ["id"]) == nil)
        #expect(Suggestions.closest(to: "iter", in: LoadDecoder.allLoadKeys) == "iterations")
        #expect(Suggestions.closest(to: "qqqqqq", in: LoadDecoder.allLoadKeys) == nil)
        #expect(Suggestions.editDistance("kitten", "sitting") == 3)
    }

    @Test func captureCodableRoundTripKeepsTheCompiledRegex() throws {
        let capture = Capture(name: "id", source: .regex(#"id=(\d+)"#))
        let decoded = try JSONDecoder().decode(Capture.self, from: JSONEncoder().encode(capture))
        #expect(decoded == capture)
        #expect(decoded.extract(body: Array("id=5".utf8), headers: []) == "5")
    }
}

@Suite struct ExampleProfileTests {
    /// `Profiles/examples/reference.yaml` in the repository (found next to this source file).
    static var examplePath: String {
        let source = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        return source.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Profiles/examples/reference.yaml").path
    }

    @Test func theExampleProfileLoads() throws {
        let loader = ProfileLoader(environment: ["DEMO_ADMIN_PASSWORD": "x"])
        let profile = try loader.load(path: Self.examplePath)
        #expect(profile.validationSummary().contains("flow reference: 4 steps (1 group of 2 parallel requests)"))
        #expect(profile.roles.map(\.name) == ["admin", "user"])
    }
}
