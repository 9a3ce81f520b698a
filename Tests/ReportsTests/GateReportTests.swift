import Metrics
import RunFixtures
import Scenario
import TestSupport
import Testing
import Verdicts

@testable import Reports

/// JUnit XML and Markdown outputs of the release gate, against golden files.
@Suite struct GateReportTests {
    static let directory = Golden.directory(besides: #filePath)
    static let run = ReportFixture.savedRun()

    static func judged() throws -> JudgedRun {
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
        return JudgedRun(thresholds, run: run)
    }

    @Test func junitGolden() throws {
        let xml = GateJUnit().render(try Self.judged())
        try Golden.assertMatches(xml, file: "gate-junit.xml", directory: Self.directory)
        #expect(xml.components(separatedBy: "<testcase ").count - 1 == 7)
        #expect(xml.components(separatedBy: "<failure ").count - 1 == 3)
    }

    @Test func markdownGolden() throws {
        let md = GateMarkdown().render(try Self.judged())
        try Golden.assertMatches(md, file: "gate-markdown.md", directory: Self.directory)
    }

    @Test func markdownOfAPassingGate() throws {
        let thresholds = try ["p95 < 800ms", "error_rate < 1%"].map(ThresholdParser.parse)
        let judged = JudgedRun(thresholds, run: ReportFixture.calmRun())
        #expect(judged.thresholds.allPassed)
        try Golden.assertMatches(
            GateMarkdown().render(judged), file: "gate-markdown-pass.md", directory: Self.directory)
        try Golden.assertMatches(GateJUnit().render(judged), file: "gate-junit-pass.xml", directory: Self.directory)
    }

    @Test func noThresholds() {
        let judged = JudgedRun([], run: ReportFixture.calmRun())
        #expect(GateMarkdown().render(judged).hasPrefix("### ✅ Rehearsal golden: no thresholds set\n"))
        let xml = GateJUnit().render(judged)
        #expect(xml.contains("<testsuite name=\"rehearsal thresholds\" tests=\"0\" failures=\"0\""))
        #expect(GateLines().render(judged) == "", "no thresholds, no lines under the summary")
    }

    @Test func terminalLinesMarkEachThreshold() throws {
        let lines = GateLines().render(try Self.judged()).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "", "a blank line separates the lines from the summary")
        #expect(lines[1] == "Thresholds: 3 of 7 failed")
        #expect(
            lines[2] == "  ✗ p95(group:home, role:user) < 800ms — p95 3.2s over 10 waits (group:home, role:user); "
                + "limit < 800ms")
        #expect(lines.count == 9)
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
