import Metrics
import RunFixtures
import Scenario
import TestSupport
import Testing
import Verdicts

@testable import Reports

/// An aborted run and a generator-bound run never pass or fail the gate: JUnit, Markdown and the terminal say
/// why instead (golden files), and the open-model scenario table shows latency from schedule and service time.
@Suite struct GateVerdictReportTests {
    static let directory = Golden.directory(besides: #filePath)

    static let thresholds = ["p95 < 800ms", "error_rate < 1%"]

    @Test func abortedGateGolden() throws {
        let run = ReportFixture.calmRun(
            stopReason: "aborted", abortReason: "error_rate > 20% for 10s: error_rate 100% since 2s")
        let judged = JudgedRun(try Self.thresholds.map(ThresholdParser.parse), run: run)
        try Golden.assertMatches(GateJUnit().render(judged), file: "gate-junit-aborted.xml", directory: Self.directory)
        try Golden.assertMatches(
            GateMarkdown().render(judged), file: "gate-markdown-aborted.md", directory: Self.directory)
        let lines = GateLines().lines(judged)
        #expect(lines.contains("Thresholds: not judged — the run was aborted (as measured until then:)"))
    }

    @Test func generatorBoundGateGolden() throws {
        let run = ReportFixture.calmRun(generator: ReportFixture.boundGenerator)
        let judged = JudgedRun(try Self.thresholds.map(ThresholdParser.parse), run: run)
        try Golden.assertMatches(
            GateJUnit().render(judged), file: "gate-junit-inconclusive.xml", directory: Self.directory)
        try Golden.assertMatches(
            GateMarkdown().render(judged), file: "gate-markdown-inconclusive.md", directory: Self.directory)
        #expect(
            GateLines().lines(judged).contains(
                "Thresholds: inconclusive — the load generator was the bottleneck (as measured:)"))
        let report = SummaryReport.render(run.summary)
        #expect(report.contains("⚠ generator-bound: an engine thread was 97% busy (limit 90%)"))
    }

    /// Two scenarios, one open: rows name their scenario and the scenario table shows both latencies.
    @Test func scenarioSummaryGolden() throws {
        let catalog = SeriesCatalog(
            steps: [
                .init(scenario: "open", flow: "f", step: "call", group: nil, role: "user", method: "GET"),
                .init(scenario: "closed", flow: "f", step: "call", group: nil, role: "user", method: "GET"),
            ],
            groups: [], scenarios: ["open", "closed"])
        var store = MetricsStore(catalog: catalog)
        for i in 0..<100 {
            let fromSchedule = i < 10 ? 1_000_000 - i * 100_000 : 2_000
            store.steps[0].record(
                RequestSample(totalMicros: fromSchedule, serviceMicros: i < 10 ? fromSchedule - 300 : 1_800))
        }
        for i in 0..<1000 { store.steps[1].record(RequestSample(totalMicros: i < 2 ? 1_000_000 : 500)) }
        store.scenarios[0].started = 100
        store.scenarios[0].dropped = 4
        for _ in 0..<100 { store.scenarios[0].scheduleLag.record(micros: 90) }
        store.scenarios[1].started = 1000
        var info = ReportFixture.info(stopReason: "completed")
        info.scenarios = [
            ScenarioInfo(name: "open", executor: "constant-arrival-rate", load: "", openModel: true, maxVUs: 300),
            ScenarioInfo(name: "closed", executor: "constant-vus", load: "", openModel: false, maxVUs: 2),
        ]
        info.generator = GeneratorHealth.judge(
            busiestWorkerCPU: 0.2, processCPU: 0.4, lag: store.scenarios[0].scheduleLag, dropped: 4, runSeconds: 20)
        let text = SummaryReport.render(SavedRun(info: info, catalog: catalog, store: store).summary)
        try Golden.assertMatches(text + "\n", file: "summary-report-scenarios.txt", directory: Self.directory)
    }
}
