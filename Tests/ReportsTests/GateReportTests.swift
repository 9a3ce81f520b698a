import Metrics
@testable import Reports
import Scenario
import Testing
import TestSupport

/// JUnit XML and Markdown outputs of the release gate, against golden files.
@Suite struct GateReportTests {
    static let directory = Golden.directory(besides: #filePath)
    static let run = SavedRun(info: ReportFixture.info(), catalog: ReportFixture.catalog, store: ReportFixture.store())

    static func results() throws -> [ThresholdResult] {
        var thresholds = try [
            "p95(group:home, role:user) < 800ms",
            "timeouts == 0",
            "error_rate < 5%",
            "p99(step:login, role:admin) <= 30ms",
            "rate > 1/s",
            "spinner_rate(step:me) == 0",
            #"p95(step:"tasks", role:admin) < 1s"#,
        ].map(ThresholdParser.parse)
        thresholds[0].source = SourceLocation(file: "Profiles/gate.yaml", line: 12, column: 5)
        return ThresholdEvaluation.evaluate(thresholds, run: run)
    }

    static func calmRun() -> SavedRun {
        var s = MetricsStore(catalog: ReportFixture.catalog)
        ReportFixture.ok(12_000, times: 5).forEach { s.steps[0].record($0) }
        ReportFixture.ok(5_000, times: 5).forEach { s.steps[2].record($0) }
        for _ in 0..<5 { s.groups[0].record(micros: 15_000, overSpinner: false, failed: false) }
        return SavedRun(info: ReportFixture.info(stopReason: "completed"), catalog: ReportFixture.catalog, store: s)
    }

    @Test func junitGolden() throws {
        let xml = GateReport.junit(try Self.results(), run: Self.run.summary)
        try Golden.assertMatches(xml, file: "gate-junit.xml", directory: Self.directory)
        #expect(xml.components(separatedBy: "<testcase ").count - 1 == 7)
        #expect(xml.components(separatedBy: "<failure ").count - 1 == 3)
    }

    @Test func markdownGolden() throws {
        let md = GateReport.markdown(try Self.results(), run: Self.run.summary)
        try Golden.assertMatches(md, file: "gate-markdown.md", directory: Self.directory)
    }

    @Test func markdownOfAPassingGate() throws {
        let run = Self.calmRun()
        let thresholds = try ["p95 < 800ms", "error_rate < 1%"].map(ThresholdParser.parse)
        let results = ThresholdEvaluation.evaluate(thresholds, run: run)
        #expect(results.allPassed)
        let md = GateReport.markdown(results, run: run.summary)
        try Golden.assertMatches(md, file: "gate-markdown-pass.md", directory: Self.directory)
        let xml = GateReport.junit(results, run: run.summary)
        try Golden.assertMatches(xml, file: "gate-junit-pass.xml", directory: Self.directory)
    }

    @Test func noThresholds() {
        let summary = Self.calmRun().summary
        #expect(GateReport.markdown([], run: summary).hasPrefix("### ✅ Rehearsal golden: no thresholds set\n"))
        let xml = GateReport.junit([], run: summary)
        #expect(xml.contains("<testsuite name=\"rehearsal thresholds\" tests=\"0\" failures=\"0\""))
    }

    @Test func xmlEscaping() {
        #expect(XMLText.escaped(#"a<b>&"c"'d'"#) == "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;")
        #expect(XMLText.escaped("line\nnext\tx\u{1}y\u{FFFE}") == "line&#10;next&#9;x\u{FFFD}y\u{FFFD}")
        #expect(XMLText.escaped("ünïcode ✓ 🙂") == "ünïcode ✓ 🙂")
    }

    @Test func markdownEscaping() {
        #expect(MarkdownText.code("p95(step:\"a|b\") < 1s") == #"`p95(step:"a\|b") < 1s`"#)
        #expect(MarkdownText.code("x`y") == "``x`y``")
        #expect(MarkdownText.cell("GET /a|b *c*") == #"GET /a\|b \*c\*"#)
    }
}
