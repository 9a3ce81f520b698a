import Metrics
import RunFixtures
import Scenario
import Testing

@testable import Verdicts

/// An aborted run and a generator-bound run are never judged passed or failed: the gate says why instead.
@Suite struct GateVerdictTests {
    static let thresholds = ["p95 < 800ms", "error_rate < 1%"]

    @Test func judgesAbortedAndGeneratorBoundRunsBeforeThresholds() throws {
        let thresholds = try Self.thresholds.map(ThresholdParser.parse)
        let calm = ReportFixture.calmRun()
        let results = ThresholdEvaluation.evaluate(thresholds, run: calm)
        #expect(GateVerdict.judge(results, run: calm.summary) == .passed)
        #expect(GateVerdict.judge([], run: calm.summary) == .noThresholds)
        let aborted = ReportFixture.calmRun(
            stopReason: "aborted", abortReason: "error_rate > 20% for 10s: error_rate 100% since 2s")
        #expect(
            GateVerdict.judge(results, run: aborted.summary)
                == .aborted(reason: "error_rate > 20% for 10s: error_rate 100% since 2s"))
        let busy = ReportFixture.calmRun(generator: ReportFixture.boundGenerator)
        #expect(
            GateVerdict.judge(results, run: busy.summary)
                == .inconclusive(reasons: ["an engine thread was 97% busy (limit 90%)"]))
        let kept = GeneratorHealth.judge(busiestWorkerCPU: 0.97, processCPU: 1, lag: nil, dropped: 0, runSeconds: 2)
        #expect(!kept.isBound, "CPU over a run shorter than 3 s is not judged")
    }

    @Test func aJudgedRunCarriesTheVerdictOfItsResults() throws {
        let thresholds = try Self.thresholds.map(ThresholdParser.parse)
        let calm = JudgedRun(thresholds, run: ReportFixture.calmRun())
        #expect(
            calm.verdict == .passed && calm.thresholds.count == 2 && calm.summary == ReportFixture.calmRun().summary)
        let failing = JudgedRun([try ThresholdParser.parse("timeouts == 0")], run: ReportFixture.savedRun())
        #expect(failing.verdict == .failed(count: 1))
        #expect(JudgedRun([], run: ReportFixture.savedRun()).verdict == .noThresholds)
    }

    @Test func lateIterationsMakeTheGeneratorTheBottleneck() {
        var lag = LatencyHistogram()
        for _ in 0..<98 { lag.record(micros: 200) }
        for _ in 0..<2 { lag.record(micros: 40_000) }
        let health = GeneratorHealth.judge(busiestWorkerCPU: 0.5, processCPU: 0.6, lag: lag, dropped: 3, runSeconds: 10)
        #expect(health.isBound)
        #expect(health.limitedBy.first?.hasPrefix("iterations started late: schedule lag p99 40") == true)
        #expect(health.droppedIterations == 3)
    }
}
