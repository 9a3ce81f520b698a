import Foundation
import Metrics
import RunFixtures
import Scenario
import Testing
import Verdicts

@testable import Reports

/// Every reporter is a pure function of its input: the same input renders the same text, whichever reporter
/// (through the one protocol) and however often.
@Suite struct ReporterTests {
    static func renderedTwice<Input>(_ reporter: any Reporter<Input>, _ input: Input) -> Bool {
        reporter.render(input) == reporter.render(input)
    }

    @Test func everyReporterRendersTheSameInputTheSameWay() throws {
        let saved = ReportFixture.savedRun()
        let judged = JudgedRun([try ThresholdParser.parse("p95 < 1s")], run: saved)
        let summaryReporters: [any Reporter<RunSummary>] = [
            SummaryReport(), SummaryReport(style: TerminalStyle(color: true), phases: true), SummaryJSON(),
        ]
        for reporter in summaryReporters { #expect(Self.renderedTwice(reporter, saved.summary)) }
        let gateReporters: [any Reporter<JudgedRun>] = [GateLines(), GateJUnit(), GateMarkdown()]
        for reporter in gateReporters { #expect(Self.renderedTwice(reporter, judged)) }
        let report = CompareFixture.compare(saved, saved)
        let compareReporters: [any Reporter<ComparisonReport>] = [
            ComparisonText(), ComparisonMarkdown(), ComparisonJSON(), ComparisonRegressions(rules: []),
        ]
        for reporter in compareReporters { #expect(Self.renderedTwice(reporter, report)) }
    }

    @Test func summaryJSONIsTheDocumentedSummary() throws {
        let summary = ReportFixture.summary()
        let json = SummaryJSON().render(summary)
        #expect(json.hasPrefix("{\n  \"groups\" : ["), "indented, keys sorted")
        #expect(json.contains("\"over_spinner\" : 4") && json.contains("\"spinner_ms\" : 2000"), "snake_case keys")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        #expect(try decoder.decode(RunSummary.self, from: Data(json.utf8)) == summary)
    }

    @Test func jsonTextNeverFailsOnANumberJSONCannotHold() {
        #expect(JSONText.encode([Double.nan, 1.5], pretty: false) == #"["NaN",1.5]"#)
        #expect(JSONText.encode(["a/b": 1], pretty: false) == #"{"a/b":1}"#, "slashes are not escaped")
    }

    @Test func aRejudgedSummarySaysWhichLimitItUses() {
        var info = ReportFixture.info(spinnerMs: 3_000)
        info.stopReason = "completed"
        let summary = RunSummary(info: info, catalog: ReportFixture.catalog, store: ReportFixture.store())
        let text = SummaryReport(recordedSpinnerMs: 2_000).render(summary)
        let note =
            "Spinner limit 3s, re-judged from the saved histograms (the run used 2s; a wait within 0.1% of the "
            + "limit counts as at it)."
        #expect(text.contains(note + "\n✗ home as user:"), "the note heads the findings")
        #expect(!SummaryReport(recordedSpinnerMs: 3_000).render(summary).contains("re-judged"), "its own limit")
        #expect(SummaryReport().render(summary) == SummaryReport.render(summary))
    }

    @Test func probeLines() {
        let result = ProbeResult(
            profile: "health", startedAt: 1_700_000_000, durationSeconds: 1.2, verdict: .failed,
            flows: [
                .init(
                    flow: "dashboard", role: "user", verdict: .failed, durationSeconds: 1.1, failedRequests: 1,
                    checkFailures: 0, reasons: ["tasks: timeout", "me: HTTP 500", "third"],
                    steps: [.init(step: "tasks", group: nil, seconds: ["total": 1.1])], groups: []),
                .init(
                    flow: "dashboard", role: "admin", verdict: .healthy, durationSeconds: 0.1, failedRequests: 0,
                    checkFailures: 0, reasons: [], steps: [], groups: []),
            ])
        #expect(
            ProbeHumanLine().render(result)
                == "probe health: FAILED in 1.2s · user/dashboard failed: tasks: timeout; me: HTTP 500 · "
                + "admin/dashboard healthy")
        let json = ProbeJSONLine().render(result)
        #expect(!json.contains("\n"))
        #expect(json.hasPrefix(#"{"duration_seconds":1.2,"flows":[{"check_failures":0,"duration_seconds":1.1,"#))
    }
}
