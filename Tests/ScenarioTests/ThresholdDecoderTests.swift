import TestSupport
import Testing

@testable import Scenario

/// `thresholds:` in a real profile: decoded with their source, and errors located at `thresholds[N]`.
@Suite struct ThresholdDecoderTests {
    let loader = ProfileLoaderTests()

    func load(_ thresholds: String) throws -> (Result<Profile, ScenarioError>, TemporaryFolder) {
        try loader.load(replacing: [("  ramp_up: 5s", "  ramp_up: 5s\nthresholds:\n" + thresholds)])
    }

    func error(_ thresholds: String) throws -> ScenarioError? {
        let (result, _) = try load(thresholds)
        if case .failure(let e) = result { return e }
        Issue.record("expected an error")
        return nil
    }

    @Test func decodesTheListWithSourceLocations() throws {
        let (result, files) = try load(
            """
              - p95(group:dashboard, role:user) < 800ms
              - timeouts == 0
              - error_rate < 1%
              - 'p99(step:"GET /api/me", flow:dashboard) <= 2s'
              - rate(role:admin) > 10/s
            """)
        let thresholds = try result.get().thresholds
        #expect(
            thresholds.map(\.text) == [
                "p95(group:dashboard, role:user) < 800ms", "timeouts == 0", "error_rate < 1%",
                #"p99(step:"GET /api/me", flow:dashboard) <= 2s"#, "rate(role:admin) > 10/s",
            ])
        #expect(thresholds[0].source == SourceLocation(file: files.path("demo.yaml"), line: 19, column: 5))
        #expect(thresholds[3].filters == [ThresholdFilter(.step, "GET /api/me"), ThresholdFilter(.flow, "dashboard")])
        #expect(thresholds[4].value == 10)
    }

    @Test func noThresholdsByDefault() throws {
        let (result, _) = try loader.load()
        #expect(try result.get().thresholds == [])
    }

    @Test func errorsNameTheFileLineAndItem() throws {
        let e = try error("  - timeouts == 0\n  - p95(role:usr) < 1s\n")
        #expect(e?.field == "thresholds[1]")
        #expect(e?.line == 20)
        #expect(e?.message == "no role is named \"usr\"")
        #expect(e?.hint == "did you mean role:user?")
        #expect(e?.description.contains("demo.yaml:20:5: error: thresholds[1]: no role is named \"usr\"") == true)
    }

    @Test func eachKindOfMistakeIsReported() throws {
        #expect(try error("  - p59 < 1s")?.message == "unknown metric \"p59\"")
        #expect(try error("  - error_rte < 1%")?.hint == "did you mean error_rate?")
        #expect(try error("  - p95(grop:dashboard) < 1s")?.hint == "did you mean group?")
        #expect(try error("  - p95(group:dashbord) < 1s")?.hint == "did you mean group:dashboard?")
        #expect(try error("  - p95(step:dashboard) < 1s")?.hint == "\"dashboard\" is a group: write group:dashboard")
        #expect(try error("  - p95 800ms")?.message == "missing operator after \"p95\", found \"800ms\"")
        #expect(try error("  - p95 < 5")?.hint == "add a unit, e.g. 5ms or 5s")
        #expect(
            try error("  - error_rate < 5ms")?.hint == "expected a percentage, e.g. 1% (or a fraction such as 0.01)")
        #expect(try error("  - p95(role:user < 1s")?.message == "missing \")\" after the filters")
    }

    @Test func aThresholdIsOneLineOfText() throws {
        let e = try error("  - p95: 800ms")
        #expect(e?.message == "expected a threshold such as \"p95 < 800ms\", found a mapping")
        #expect(e?.field == "thresholds[0]")
        #expect(try error("  - ")?.message == "expected a threshold such as \"p95 < 800ms\", found nothing")
    }

    @Test func unknownKeyNearThresholdsSuggestsIt() throws {
        let (result, _) = try loader.load(replacing: [("  ramp_up: 5s", "  ramp_up: 5s\nthreshold:\n  - timeouts == 0")]
        )
        guard case .failure(let e) = result else {
            Issue.record("expected an error")
            return
        }
        #expect(e.hint == "did you mean \"thresholds\"?")
    }
}
