import Foundation
import Metrics
import RunFixtures
import Scenario
import TestSupport
import Testing
import Verdicts

@testable import Reports

/// The run page and the comparison page as text: self-contained, every section a run has data for, escaped,
/// light, the same twice; older runs still render. (Their rendering in a browser: `HTMLBrowserTests`.)
@Suite struct HTMLReportTests {
    static func page(_ run: SavedRun = HTMLFixture.richRun(), knee: KneeReport? = nil) -> String {
        HTMLReport().render(RunPage(run: run, runID: "20260304T050607Z-golden", knee: knee))
    }

    /// A page that describes itself by its size in a failed expectation, not by its 300 KB.
    struct Page: CustomStringConvertible {
        let html: String
        var description: String { "a page of \(html.utf8.count) bytes" }
        func has(_ text: String) -> Bool { html.contains(text) }
    }

    @Test func thePageHoldsEverySectionTheRunHasDataFor() throws {
        let html = Page(html: Self.page(knee: try HTMLFixture.knee()))
        for id in [
            "verdict", "timeline", "steps", "groups", "phases", "server-timing", "waterfalls", "knee", "details",
        ] {
            #expect(html.has("<section id=\"\(id)\">"), "section \(id)")
        }
        #expect(html.has("Thresholds failed: 3 of 4"), "the verdict in words")
        #expect(html.has("<p class=\"banner fail\"><span class=\"sign\">✗</span>"), "and in colour")
        #expect(html.has("waited on <b>home</b>: 40% of 10 waits over the 2s spinner limit"), "at a glance")
        #expect(
            html.has("the role's p95 over the limit since 8 s into the run"), "since when, from the per-role timeline")
        #expect(html.has("20260304T050607Z-golden") && html.has("ci-host · Linux 6.1"), "run id, machine")
        #expect(html.has("slow-4g") && html.has("users.csv"), "network per role, the profile")
        #expect(html.has("Written by Rehearsal 0.0.0-test") && html.has("Chart.js v3.9.1"))
    }

    @Test func sectionsWithoutDataAreLeftOut() {
        let html = Page(html: Self.page(ReportFixture.calmRun()))
        for id in ["server-timing", "waterfalls", "knee", "role-diff"] {
            #expect(!html.has("<section id=\"\(id)\">"), "no \(id) without its data")
        }
        #expect(html.has("Thresholds") == false || html.has("no thresholds set"))
        #expect(html.has("The run kept no timeline"))
    }

    @Test func aGeneratorBoundRunIsMarkedInWordsAndColour() {
        let html = Page(html: Self.page(ReportFixture.calmRun(generator: ReportFixture.boundGenerator)))
        #expect(html.has("<p class=\"banner warn\"><span class=\"sign\">⚠</span> Generator-bound: the figures"))
        #expect(html.has("an engine thread was 97% busy"))
    }

    @Test func theTimelineMarksTheLoadsChangesAndTheStop() throws {
        let html = Self.page()
        let specs = try Self.charts(html)
        let timeline = try #require(specs.values.first { ($0["y_title"] as? String) == "active VUs" })
        let lines = try #require(timeline["lines"] as? [[String: Any]])
        #expect(lines.map { $0["label"] as? String } == ["4 VUs", "end of load", "stop asked (Ctrl-C)"])
        #expect(lines.map { $0["value"] as? Double } == [5, 30, 18])
        let series = try #require(timeline["series"] as? [[String: Any]])
        #expect(series.map { $0["label"] as? String } == ["admin", "user"], "one line per role")
        #expect(series.map { $0["color"] as? String } == ["#0072B2", "#E69F00"], "each role keeps its colour")
    }

    @Test func aLongRunIsDownSampledToAtMostTwoThousandPointsPerSeries() throws {
        let html = Self.page(HTMLFixture.richRun(seconds: 7_200))
        #expect(html.utf8.count < 1_000_000, "\(html.utf8.count) bytes")
        #expect(Page(html: html).has("each point folds 4 seconds"))
        for (_, spec) in try Self.charts(html) {
            for series in spec["series"] as? [[String: Any]] ?? [] {
                #expect((series["points"] as? [Any])?.count ?? 0 <= TimelineSampling.maxPoints)
            }
        }
        let t = TimelineSampling(HTMLFixture.richRun(seconds: 7_200).info)
        #expect(t.seconds.count == 1_800 && t.bucket == 4)
        let user = try #require(t.roles.last)
        let highest: Double? = 2_400 + 72_000
        #expect(user.p95.compactMap { $0 }.max() == highest, "a bucket keeps its highest second")
    }

    @Test func aSecondWithoutRequestsIsAGapNotAZero() throws {
        let t = TimelineSampling(HTMLFixture.richRun(seconds: 14).info)
        let user = try #require(t.roles.last)
        #expect(user.p95[6] == nil && user.rate[6] == 0, "second 7: no user request")
        #expect(t.points(user.p95).count == 12)
    }

    @Test func percentileCurvesFollowTheHdrHistogramConvention() {
        var h = LatencyHistogram()
        for ms in 1...1_000 { h.record(micros: ms * 1_000) }
        let points = PercentileCurve.points(h)
        #expect(points.first == [1, 1], "x = 1/(1−p) starts at 1 (0%)")
        #expect(points.contains { $0[0] == 10 && abs($0[1] - 900) < 1 }, "x 10 is p90")
        #expect(points.contains { $0[0] == 100 && abs($0[1] - 990) < 1 }, "x 100 is p99")
        #expect(points.last == [1_000, 1_000], "the last point is the maximum, at 1 − 1/n")
        #expect(points.count <= 32)
    }

    @Test func namesAreEscapedAndDataCannotCloseItsScript() throws {
        var run = HTMLFixture.richRun()
        run.catalog.steps[0].step = "</script><img src=x onerror=alert(1)>"
        run.info.profile = "a&b <i>"
        let html = Page(html: Self.page(run))
        #expect(!html.has("<img src=x"))
        #expect(html.has("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.has("Rehearsal — a&amp;b &lt;i&gt;"))
        #expect(html.has("\\u003c/script>\\u003cimg"), "inside the chart data, < is escaped")
    }

    @Test func thePageIsSelfContainedAndLight() {
        for html in [Self.page(knee: try? HTMLFixture.knee()), Self.comparison()].map(Page.init) {
            #expect(html.html.utf8.count < 1_000_000)
            for reference in ["src=\"http", "href=\"http", "src='http", "url(", "@import", "<link", "<iframe"] {
                #expect(!html.has(reference), "no \(reference)")
            }
            #expect(html.has("Permission is hereby granted, free of charge"), "Chart.js's MIT licence travels")
        }
    }

    @Test func theSameRunRendersTheSamePage() {
        #expect(Self.page() == Self.page())
        #expect(Self.comparison() == Self.comparison())
    }

    @Test func aVersionOneRunWithoutTheNewFieldsStillRenders() throws {
        let html = Page(html: Self.page(try HTMLFixture.oldRun()))
        #expect(html.has("saved before per-role timelines were kept"))
        #expect(html.has("not recorded (a run saved by an older version)"))
        for id in ["verdict", "timeline", "steps", "groups", "phases", "role-diff", "details"] {
            #expect(html.has("<section id=\"\(id)\">"), "section \(id)")
        }
    }

    @Test func theComparisonPageOverlaysBothRunsAndDrawsTheChangesAsAForestPlot() throws {
        let page = Page(html: Self.comparison())
        #expect(page.has("<section id=\"changes\">") && page.has("<section id=\"distributions\">"))
        let specs = try Self.charts(page.html)
        let forests = specs.values.filter { $0["kind"] as? String == "forest" }
        let rows = forests.flatMap { $0["categories"] as? [String] ?? [] }
        #expect(rows.contains("home (wait) [user] p95") && rows.contains("home (wait) [user] error_rate"), "\(rows)")
        let overlays = specs.values.filter { $0["kind"] as? String == "percentile" }
        #expect(!overlays.isEmpty)
        for overlay in overlays {
            let labels = (overlay["series"] as? [[String: Any]] ?? []).compactMap { $0["label"] as? String }
            #expect(labels.starts(with: ["baseline", "candidate"]))
        }
        #expect(page.has("--fail-on &apos;p95 +10%&apos;"))
    }

    /// Chart.js is Debian's libjs-chart.js, verbatim (when the package is installed to compare with).
    @Test func theVendoredChartJSIsDebiansFile() throws {
        let debian = "/usr/share/javascript/chart.js/chart.min.js"
        guard FileManager.default.fileExists(atPath: debian) else { return }
        let text = try String(contentsOfFile: debian, encoding: .utf8)
        #expect(ChartJS.source == text.trimmingCharacters(in: .newlines), "run scripts/vendor-chart-js.sh")
    }

    static func comparison() -> String {
        let base = ReportFixture.savedRun()
        var slower = ReportFixture.savedRun()
        for _ in 0..<30 { slower.store.groups[1].record(micros: 3_900_000, overSpinner: true, failed: false) }
        let report = CompareFixture.compare(base, slower)
        let rules = [try! FailOnRule.parse("p95 +10%")]
        return HTMLComparison().render(ComparisonPage(report: report, baseline: base, candidate: slower, rules: rules))
    }

    /// The chart specs a page embeds.
    static func charts(_ html: String) throws -> [String: [String: Any]] {
        let start = try #require(html.range(of: "<script type=\"application/json\" id=\"rehearsal-charts\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let json = try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8))
        return try #require(json as? [String: [String: Any]])
    }
}
