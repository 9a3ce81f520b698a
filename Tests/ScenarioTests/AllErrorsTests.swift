import Testing

@testable import Scenario

/// Issue 13 §4: `validate` reports every error of a file where the loader can go on — independent top-level keys,
/// independent steps, every unset variable — not only the first.
@Suite struct AllErrorsTests {
    @Test func independentStepsAreAllReported() {
        let flow = """
            nmae: dashboard
            steps:
              - get: /a
                chek: { status: 200 }
              - get: /b
              - think: 5
              - post: /c
                check: { status: 700 }

            """
        let error = scenarioError { try decodeFlow(flow) }
        let all = error.map { [$0] + $0.others } ?? []
        #expect(all.map(\.field) == ["nmae", "steps[0].chek", "steps[2].think", "steps[3].check.status"], "\(all)")
        #expect(all.first?.hint == "did you mean \"name\"?")
        let text = error?.description ?? ""
        #expect(text.contains("flow.yaml:1:1: error: nmae: unknown key \"nmae\""))
        #expect(text.contains("flow.yaml:8:22: error: steps[3].check.status: 700 is not an HTTP status"))
    }

    @Test func independentProfileKeysAndFlowsAreReportedTogether() {
        let profile = """
            target: { base_url: "{{env.BASE}}" }
            flows: [flow.yaml]
            load: { vus: 0, duration: 1s }
            timeouts: { request: soon }
            outptu: Results

            """
        let flow =
            "steps:\n  - get: /a\n    headers: { A: \"{{env.TOKEN}}\" }\n  - get: /b\n    headers: { B: \"{{env.TOKEN}}\" }\n  - zap: /c\n"
        let files = ["p.yaml": profile, "flow.yaml": flow]
        let loader = ProfileLoader(environment: [:]) { path in
            guard let text = files[path] else { throw FileNotFound(path: path) }
            return text
        }
        let error = scenarioError { try loader.load(path: "p.yaml") }
        let all = error.map { [$0] + $0.others } ?? []
        #expect(
            all.map(\.field) == ["outptu", "target.base_url", "steps[2].zap", "load.vus", "timeouts.request"], "\(all)")
        // The flow's unset variable is not checked while the target is broken; fixed, it is reported once.
        let fixed = files.merging([
            "p.yaml":
                "target: { base_url: \"http://127.0.0.1:9\" }\nflows: [flow.yaml]\nload: { vus: 1, duration: 1s }\n",
            "flow.yaml": String(flow.prefix { $0 != "z" }.dropLast(4)),
        ]) { $1 }
        let second = ProfileLoader(environment: [:]) { path in
            guard let text = fixed[path] else { throw FileNotFound(path: path) }
            return text
        }
        let unset = scenarioError { try second.load(path: "p.yaml") }
        #expect(unset?.message == "environment variable TOKEN is not set" && unset?.others.isEmpty == true)
    }

    @Test func manyErrorsAreCutAtTheLimit() {
        let steps = (0..<30).map { "  - get: /a\n    bad\($0): 1\n" }.joined()
        let error = scenarioError { try decodeFlow("steps:\n" + steps) }
        #expect(error?.others.count == ErrorCollector.limit)
        #expect(error?.others.last?.message == "10 more errors not shown")
    }
}
