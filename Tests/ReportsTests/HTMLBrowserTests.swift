import Foundation
import Metrics
import RunFixtures
import TestSupport
import Testing
import Verdicts

@testable import Reports

/// The pages in a real browser: headless Chromium opens them from disk with the network off. A page fails on any
/// console message or script error, any request it attempts, a chart that did not render (no canvas size, no data
/// points placed, nothing painted), a missing section, or a weight over 1 MB.
@Suite(.serialized) struct HTMLBrowserTests {
    static let limit = 1_000_000

    /// Writes `html` to a temporary file, opens it, and checks what every page must be.
    static func open(_ html: String, sections: [String]) throws -> PageLoad {
        let folder = try TemporaryFolder("html")
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("report.html")
        try html.write(to: file, atomically: true, encoding: .utf8)
        let load = try HeadlessChromium.load(file)
        #expect(load.bytes < limit, "\(load.bytes) bytes")
        #expect(load.console.isEmpty, "console: \(load.console)")
        #expect(load.pageErrors.isEmpty, "errors: \(load.pageErrors)")
        #expect(load.requests.isEmpty, "the page tried the network: \(load.requests)")
        #expect(!load.canvases.isEmpty)
        #expect(load.blankCanvases.isEmpty, "charts that did not render: \(load.blankCanvases)")
        #expect(load.sections == sections)
        return load
    }

    @Test(.enabled(if: HeadlessChromium.isAvailable)) func theRunPageRendersEverySection() throws {
        let html = HTMLReport().render(RunPage(run: HTMLFixture.richRun(), runID: "run", knee: try HTMLFixture.knee()))
        let load = try Self.open(
            html,
            sections: [
                "verdict", "timeline", "steps", "groups", "phases", "server-timing", "role-diff", "waterfalls", "knee",
                "details",
            ])
        #expect(load.canvases.count == (try HTMLReportTests.charts(html)).count, "every chart has its canvas")
    }

    @Test(.enabled(if: HeadlessChromium.isAvailable)) func aVersionOneRunRendersInTheBrowser() throws {
        let html = HTMLReport().render(RunPage(run: try HTMLFixture.oldRun()))
        _ = try Self.open(html, sections: ["verdict", "timeline", "steps", "groups", "phases", "role-diff", "details"])
    }

    @Test(.enabled(if: HeadlessChromium.isAvailable)) func aLongRunStaysLightAndRenders() throws {
        let html = HTMLReport().render(RunPage(run: HTMLFixture.richRun(seconds: 7_200)))
        let load = try Self.open(
            html,
            sections: [
                "verdict", "timeline", "steps", "groups", "phases", "server-timing", "role-diff", "waterfalls",
                "details",
            ])
        #expect(load.canvases.allSatisfy { $0.points <= 4 * 2 * TimelineSampling.maxPoints })
    }

    @Test(.enabled(if: HeadlessChromium.isAvailable)) func theComparisonPageRenders() throws {
        _ = try Self.open(HTMLReportTests.comparison(), sections: ["verdict", "changes", "distributions"])
    }

    @Test(.enabled(if: HeadlessChromium.isAvailable)) func tablesAreSortableByTheirValues() throws {
        let folder = try TemporaryFolder("html")
        defer { folder.remove() }
        // A click on the p95 header of the steps table sorts its rows by value (80ms above 25ms; as text it would not).
        var html = HTMLReport().render(RunPage(run: ReportFixture.savedRun()))
        let click = """
            <script>addEventListener('load',function(){var table=document.querySelector('#steps table');\
            var th=[].find.call(table.tHead.rows[0].cells,function(h){return h.textContent==='p95'});th.click();\
            var cells=[].map.call(table.tBodies[0].rows,function(r){return r.cells[6].textContent});\
            document.body.insertAdjacentHTML('beforeend','<p id="order">'+cells.join(',')+'</p>')});</script></body>
            """
        html = html.replacingOccurrences(of: "</body>", with: click)
        let file = folder.url.appendingPathComponent("sorted.html")
        try html.write(to: file, atomically: true, encoding: .utf8)
        let load = try HeadlessChromium.load(file)
        let order = try #require(
            load.dom.range(of: "<p id=\"order\">", options: .backwards).map {
                load.dom[$0.upperBound...].prefix { $0 != "<" }
            })
        #expect(order == "4s,3.1s,80ms,25ms,6ms,5ms", "descending by value; \(load.pageErrors)")
    }

    /// The check itself is not vacuous: a page that reaches for the network and logs an error is caught.
    @Test(.enabled(if: HeadlessChromium.isAvailable)) func theBrowserCheckCatchesAPageThatReachesOut() throws {
        let folder = try TemporaryFolder("html")
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("bad.html")
        let bad = """
            <!DOCTYPE html><html><head><meta charset="utf-8"></head><body><main><section id="a"></section></main>
            <img src="https://cdn.example.com/chart.png"><canvas id="c" width="50" height="50"></canvas>
            <script>console.error("boom")</script></body></html>
            """
        try bad.write(to: file, atomically: true, encoding: .utf8)
        let load = try HeadlessChromium.load(file)
        #expect(load.requests.contains("https://cdn.example.com/chart.png"), "\(load.requests)")
        #expect(load.console.contains { $0.contains("boom") })
        #expect(load.pageErrors.contains("console.error: boom"))
        #expect(load.blankCanvases.map(\.id) == ["c"])
        #expect(load.sections == ["a"])
    }
}
