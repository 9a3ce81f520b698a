import Testing
import Verdicts

@testable import MetricsEndpoint

/// What a probe publishes, as plain samples: no registry, no exposition text.
@Suite struct ProbeSamplesTests {
    static func samples(_ result: ProbeResult = ProbeMetricsTests.result()) -> [ProbeSample] {
        ProbeSamples.samples(of: result)
    }

    static func value(_ samples: [ProbeSample], _ family: ProbeMetricFamily, _ labels: [String: String]) -> Double? {
        let matching = samples.filter { s in
            s.family == family && s.labels.count == labels.count && labels.allSatisfy { s.label($0.key) == $0.value }
        }
        return matching.count == 1 ? matching[0].value : nil
    }

    @Test func oneSamplePerSeriesWithItsValue() {
        let samples = Self.samples()
        let user = ["profile": "staging", "flow": "dashboard", "role": "user"]
        #expect(Self.value(samples, .success, user) == 1, "degraded still succeeds")
        #expect(Self.value(samples, .verdict, user.merging(["verdict": "degraded"]) { $1 }) == 1)
        #expect(Self.value(samples, .verdict, user.merging(["verdict": "failed"]) { $1 }) == 0)
        #expect(Self.value(samples, .duration, user) == 4.25)
        #expect(Self.value(samples, .failedRequests, user) == 2)
        #expect(Self.value(samples, .checkFailures, user) == 1)
        #expect(Self.value(samples, .groupDuration, user.merging(["group": "dashboard"]) { $1 }) == 4)
        #expect(Self.value(samples, .lastRunTimestamp, ["profile": "staging"]) == 1_767_225_600.25)
        #expect(Self.value(samples, .lastRunDuration, ["profile": "staging"]) == 5.5)
        let phases = samples.filter {
            $0.family == .stepDuration && $0.label("role") == "admin" && $0.label("step") == "login"
        }
        #expect(phases.map { $0.label("phase") } == ["connect", "dns", "tls", "total", "transfer", "ttfb"])
    }

    @Test func theRunCounterGoesUpForTheVerdictOnly() {
        let runs = Self.samples().filter { $0.family == .runs }
        #expect(runs.map { $0.label("verdict") } == ["healthy", "degraded", "failed"])
        #expect(runs.map(\.value) == [0, 1, 0])
        #expect(ProbeMetricFamily.allCases.filter(\.isCounter) == [.runs])
    }

    @Test func aPhaseThatDidNotHappenHasNoSample() {
        let reused = Self.samples(ProbeMetricsTests.result(reusedConnection: true))
        #expect(!reused.contains { $0.label("phase") == "connect" })
    }

    @Test func aValueThatIsNotANumberHasNoSample() {
        var result = ProbeMetricsTests.result()
        result.flows[0].durationSeconds = .nan
        result.durationSeconds = .infinity
        let samples = Self.samples(result)
        #expect(!samples.contains { !$0.value.isFinite })
        #expect(Self.value(samples, .duration, ["profile": "staging", "flow": "dashboard", "role": "admin"]) == nil)
        #expect(Self.value(samples, .lastRunDuration, ["profile": "staging"]) == nil)
    }

    @Test func labelsKeepTheirOrder() {
        let step = Self.samples().first { $0.family == .stepDuration }
        #expect(step?.labels.map(\.name) == ["profile", "flow", "role", "step", "phase"])
    }
}
