import Foundation
import Metrics
import RunFixtures
import TestSupport
import Testing
import Verdicts

@testable import Reports

@Suite("SummaryReport and ProgressLine golden files")
struct SummaryReportGoldenTests {
    static let directory = Golden.directory(besides: #filePath)

    @Test func summaryReportPlain() throws {
        let text = SummaryReport.render(ReportFixture.summary(), style: .plain)
        try Golden.assertMatches(text, file: "summary-report.txt", directory: Self.directory)
    }

    @Test func summaryReportOfACalmCompletedRun() throws {
        let text = SummaryReport.render(ReportFixture.calmSummary(), style: .plain)
        try Golden.assertMatches(text, file: "summary-report-calm.txt", directory: Self.directory)
    }

    @Test func progressLines() throws {
        let figures: [ProgressLine.Figures] = [
            .init(
                elapsedSeconds: 0.4, activeVUs: 1, requests: 0, rate: 0, p95: 0, failed: 0, timeouts: 0, stopping: false
            ),
            .init(
                elapsedSeconds: 12.6, activeVUs: 16, requests: 1_234, rate: 98.04, p95: 8.456, failed: 3, timeouts: 1,
                stopping: false),
            .init(
                elapsedSeconds: 61, activeVUs: 200, requests: 98_765, rate: 1_618.7, p95: 1_240, failed: 0, timeouts: 0,
                stopping: false),
            .init(
                elapsedSeconds: 75.2, activeVUs: 3, requests: 100_000, rate: 12.34, p95: 456.7, failed: 17,
                timeouts: 12, stopping: true),
        ]
        let text = figures.map(ProgressLine.render).joined(separator: "\n") + "\n"
        try Golden.assertMatches(text, file: "progress-line.txt", directory: Self.directory)
    }

    @Test func plainStyleHasNoEscapeCodesAndColorStyleHas() {
        let plain = SummaryReport.render(ReportFixture.summary(), style: .plain)
        #expect(!plain.contains("\u{1B}["))
        let color = SummaryReport.render(ReportFixture.summary(), style: TerminalStyle(color: true))
        #expect(color.contains("\u{1B}[1mRehearsal — golden\u{1B}[0m"))
        #expect(color.contains("\u{1B}[31m✗ "))
        #expect(color.contains("\u{1B}[32m✓ admin"))
    }

    @Test func headlineNamesAnUnusualStopReason() {
        #expect(SummaryReport.headline(ReportFixture.summary(stopReason: "interrupted")).hasSuffix(" · INTERRUPTED"))
        #expect(SummaryReport.headline(ReportFixture.summary(stopReason: "aborted")).hasSuffix(" · ABORTED"))
        #expect(!SummaryReport.headline(ReportFixture.summary(stopReason: "completed")).contains("COMPLETED"))
    }

    /// The headline shows the concurrency the run reached, and the VUs allocated only when it reached fewer.
    @Test func headlineShowsTheConcurrencyReached() {
        var s = ReportFixture.summary(stopReason: "completed")
        s.run.vus = 16
        #expect(SummaryReport.headline(s).contains(" · 16 VUs · "), "a run saved before it was recorded")
        s.run.concurrencyReached = 16
        #expect(SummaryReport.headline(s).contains(" · 16 VUs · "))
        s.run.concurrencyReached = 3
        #expect(SummaryReport.headline(s).contains(" · 3 of 16 VUs at once · "), "\(SummaryReport.headline(s))")
    }

    /// A wait with a spinner limit of its own is judged, and named, by it.
    @Test func findingsNameAWaitsOwnSpinnerLimit() throws {
        var s = ReportFixture.summary(stopReason: "completed")
        let index = try #require(s.steps.firstIndex { $0.group == nil && $0.overSpinner > 0 })
        s.steps[index].spinnerMs = 150
        let text = SummaryReport.render(s)
        let name = "\(s.steps[index].step) as \(s.steps[index].role)"
        #expect(text.contains("✗ \(name): ") && text.contains("crossed the 150ms spinner limit"), "\(text)")
    }

    /// `rehearse report` re-renders from `histograms.json`, written and read with snake_case keys.
    @Test func reportRendersTheSameFromSavedHistograms() throws {
        let saved = SavedRun(info: ReportFixture.info(), catalog: ReportFixture.catalog, store: ReportFixture.store())
        #expect(SummaryReport.render(saved.summary) == SummaryReport.render(ReportFixture.summary()))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let reread = try decoder.decode(SavedRun.self, from: encoder.encode(saved))
        #expect(reread.summary == saved.summary)
        #expect(SummaryReport.render(reread.summary) == SummaryReport.render(ReportFixture.summary()))
    }
}

@Suite("Findings")
struct FindingsTests {
    @Test func spinnerCrossedForOneRoleAndFineForTheOther() {
        let lines = Findings.lines(ReportFixture.summary(), style: .plain)
        #expect(
            lines == [
                "✗ home as user: 40% of waits crossed the 2s spinner limit (p95 3.2s)",
                "✗ login as user: 30% of waits crossed the 2s spinner limit (p95 4s)",
                "✓ admin: every wait under the spinner limit.",
            ])
    }

    @Test func noCrossingsGivesTheSingleCheckLine() {
        let lines = Findings.lines(ReportFixture.calmSummary(), style: .plain)
        #expect(lines == ["✓ No wait crossed the 2s spinner limit."])
    }

    @Test func everyRoleCrossingLeavesNoCheckLine() {
        var store = MetricsStore(catalog: ReportFixture.catalog)
        store.steps[0].record(RequestSample(totalMicros: 3_000_000, overSpinner: true))
        store.steps[1].record(RequestSample(totalMicros: 2_100_000, overSpinner: true))
        store.steps[1].record(RequestSample(totalMicros: 10_000))
        let s = RunSummary(info: ReportFixture.info(), catalog: ReportFixture.catalog, store: store)
        let lines = Findings.lines(s, style: .plain)
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.hasPrefix("✗ login as ") })
        #expect(lines.first?.hasPrefix("✗ login as admin: 100%") == true, "worst share first")
        #expect(lines.last == "✗ login as user: 50% of waits crossed the 2s spinner limit (p95 2.1s)")
    }

    @Test func stepsInsideAGroupAreJudgedByTheirGroupNotOneByOne() {
        var store = MetricsStore(catalog: ReportFixture.catalog)
        // A slow request inside the group, flagged: the group's own time is what the user waits for.
        store.steps[5].record(RequestSample(totalMicros: 2_500_000, overSpinner: true))
        store.groups[1].record(micros: 1_000_000, overSpinner: false, failed: false)
        let s = RunSummary(info: ReportFixture.info(), catalog: ReportFixture.catalog, store: store)
        #expect(Findings.lines(s, style: .plain) == ["✓ No wait crossed the 2s spinner limit."])
    }

    @Test func spinnerLimitIsFormattedLikeOtherLatencies() {
        let info = ReportFixture.info(spinnerMs: 1_500)
        let s = RunSummary(
            info: info, catalog: ReportFixture.catalog, store: MetricsStore(catalog: ReportFixture.catalog))
        #expect(Findings.lines(s, style: .plain) == ["✓ No wait crossed the 1.5s spinner limit."])
    }
}
