import Foundation
import TestSupport
import Testing

/// `report.html` as users get it: written by `rehearse demo` (its path in the summary) and by every run, also on
/// Ctrl-C and by `merge`; rewritten the same by `report --html`; `compare --html`. Each page opens in headless
/// Chromium with the network off, renders every section with no console error, stays under 1 MB, and holds no secret.
@Suite(.serialized) struct HTMLReportEndToEndTests {
    static let password = "s3cr3t-HTML-e2e-pw"
    static let limit = 1_000_000

    /// Opens a page and checks what every page must be; returns what the browser saw.
    @discardableResult
    static func check(_ page: URL, sections: [String]) throws -> PageLoad {
        let load = try HeadlessChromium.load(page)
        #expect(load.bytes < limit, "\(page.lastPathComponent): \(load.bytes) bytes")
        #expect(load.console.isEmpty, "console: \(load.console)")
        #expect(load.pageErrors.isEmpty, "errors: \(load.pageErrors)")
        #expect(load.requests.isEmpty, "the page tried the network: \(load.requests)")
        #expect(load.blankCanvases.isEmpty, "charts that did not render: \(load.blankCanvases)")
        #expect(!load.canvases.isEmpty)
        #expect(load.sections == sections)
        return load
    }

    static func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// The demo (the product's own `make demo`, shortened): its page has every section the demo's run has data for.
    @Test(.enabled(if: HeadlessChromium.isAvailable)) func theDemoWritesItsPageAndItRendersEverySection() throws {
        let w = try Workspace()
        defer { w.remove() }
        var demo = try RehearseBinary.run(
            ["demo", "--duration", "8s", "--out", w.results.path, "-q"], timeout: .seconds(90))
        // The demo target listens on 8787; another demo on this machine may hold it for a moment.
        for _ in 0..<3 where demo.stderr.contains("cannot listen") {
            Thread.sleep(forTimeInterval: 5)
            demo = try RehearseBinary.run(
                ["demo", "--duration", "8s", "--out", w.results.path, "-q"], timeout: .seconds(90))
        }
        #expect(demo.status == 0, "\(demo.transcript)")
        let folder = try w.runFolder()
        let page = folder.appendingPathComponent("report.html")
        #expect(demo.stdout.contains("\nReport: \(page.path)\n"), "the summary names the page\n\(demo.stdout)")
        let load = try Self.check(
            page,
            sections: [
                "verdict", "timeline", "steps", "groups", "phases", "server-timing", "role-diff", "waterfalls",
                "details",
            ])
        #expect(load.dom.contains("waited on <b>dashboard</b>"), "at a glance: the user role spun on the dashboard")
        #expect(!(try Self.text(page)).contains("demo-admin"), "the demo admin's password is not in the page")
    }

    /// A run with secrets: the page holds none; `report --html` rewrites it byte for byte from the saved files;
    /// `compare --html` of two runs renders.
    @Test(.enabled(if: HeadlessChromium.isAvailable)) func reportAndCompareWritePagesFromSavedRuns() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let w = try Workspace()
        defer { w.remove() }
        let roles = """
                  admin:
                    fields: { delay: "5", password: { env: E2E_PASSWORD } }
                  user:
                    fields: { delay: "40", password: { env: E2E_PASSWORD } }
            """
        let profile = try w.write(
            profile: Workspace.profileYAML(
                base: server.baseURL, load: "{ vus: 4, duration: 3s }", roles: roles,
                extra: "thresholds:\n  - p95 < 1s\n  - p95(role:user) < 10ms"),
            flow: """
                steps:
                  - { name: "login", post: "/echo?pw={{role.password}}", json: { password: "{{role.password}}" } }
                  - group: page
                    requests:
                      - { name: me, get: /delay/2 }
                      - { name: tasks, get: "/server-timing/{{role.delay}}" }
                """)
        let env = ["E2E_PASSWORD": Self.password]
        for _ in 0..<2 {
            let run = try RehearseBinary.run(["run", profile, "--out", w.results.path, "-q"], environment: env)
            #expect(run.status == 99, "p95(role:user) < 10ms fails\n\(run.transcript)")
        }
        let folders = try FileManager.default.contentsOfDirectory(at: w.results, includingPropertiesForKeys: nil)
            .sorted { $0.path < $1.path }
        #expect(folders.count == 2)
        let page = folders[0].appendingPathComponent("report.html")
        let written = try Self.text(page)
        #expect(!written.contains(Self.password), "no secret in the page")
        #expect(written.contains("Thresholds failed: 1 of 2"))

        let rewrite = try RehearseBinary.run(["report", folders[0].path, "--html"])
        #expect(rewrite.status == 0 && rewrite.stdout == "Report: \(page.path)\n", "\(rewrite.transcript)")
        #expect(try Self.text(page) == written, "the saved files alone render the same page")
        try Self.check(
            page,
            sections: [
                "verdict", "timeline", "steps", "groups", "phases", "server-timing", "role-diff", "waterfalls",
                "details",
            ])

        let comparison = w.folder.appendingPathComponent("compare.html")
        let compare = try RehearseBinary.run([
            "compare", folders[0].path, folders[1].path, "--html", comparison.path, "--fail-on", "p95 +500%",
        ])
        #expect(compare.status == 0 || compare.status == 1, "\(compare.transcript)")
        try Self.check(comparison, sections: ["verdict", "changes", "distributions"])
        #expect(!(try Self.text(comparison)).contains(Self.password))

        let unwritable = try RehearseBinary.run([
            "compare", folders[0].path, folders[1].path, "--html",
            w.folder.appendingPathComponent("no/such/x.html").path,
        ])
        #expect(unwritable.status == 3 && unwritable.stderr.contains("error: cannot write"), "\(unwritable.transcript)")
    }

    /// A run saved by an older version (schema 1 without the fields added since) still gets its page.
    @Test(.enabled(if: HeadlessChromium.isAvailable)) func anOldSavedRunGetsItsPage() throws {
        let w = try Workspace()
        defer { w.remove() }
        let old = RehearseBinary.packageRoot.appendingPathComponent("Tests/VerdictsTests/Fixtures/demo-run")
        let copy = w.folder.appendingPathComponent("demo-run")
        try FileManager.default.copyItem(at: old, to: copy)
        let out = try RehearseBinary.run(["report", copy.path, "--html"])
        #expect(out.status == 0, "\(out.transcript)")
        try Self.check(
            copy.appendingPathComponent("report.html"),
            sections: ["verdict", "timeline", "steps", "groups", "phases", "role-diff", "details"])
        // Another spinner limit gets a page of its own; the run's page stays as it was.
        let page = try Self.text(copy.appendingPathComponent("report.html"))
        let rejudged = try RehearseBinary.run(["report", copy.path, "--html", "--spinner", "3s"])
        let other = copy.appendingPathComponent("report-spinner-3000ms.html")
        #expect(rejudged.stdout == "Report: \(other.path)\n", "\(rejudged.transcript)")
        #expect(try Self.text(other).contains("Spinner limit 3s, re-judged from the saved histograms"))
        #expect(try Self.text(copy.appendingPathComponent("report.html")) == page)
        let missing = try RehearseBinary.run(["report", w.folder.path, "--html"])
        #expect(missing.status == 2, "\(missing.transcript)")
    }

    /// A knee test's page has its levels, and the stepped load's levels marked on the timeline.
    @Test(.enabled(if: HeadlessChromium.isAvailable)) func aKneeTestsPageHasItsLevels() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let w = try Workspace()
        defer { w.remove() }
        let path = try w.write(profile: KneeEndToEndTests.profile(server.baseURL), flow: KneeEndToEndTests.flow)
        let out = try RehearseBinary.run(
            ["knee", path, "--vus", "1,2", "--level", "2s", "--warmup", "1s", "--out", w.results.path, "-q"],
            timeout: .seconds(60))
        #expect(out.status == 0, "\(out.transcript)")
        let folder = try w.runFolder()
        #expect(out.stdout.contains("Report: \(folder.path)/report.html"), "\(out.stdout)")
        let load = try Self.check(
            folder.appendingPathComponent("report.html"),
            sections: [
                "verdict", "timeline", "steps", "phases", "server-timing", "role-diff", "waterfalls", "knee", "details",
            ])
        #expect(load.dom.contains("Worst wait p95 per load level"))
        #expect(load.dom.contains("2 VUs"), "the second level is marked on the timeline and in the tables")
    }

    /// Ctrl-C: the page of what was measured, with the stop marked; `merge` writes the merged run's page.
    @Test func ctrlCAndMergeWriteThePageToo() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let w = try Workspace()
        defer { w.remove() }
        let profile = try w.write(
            profile: Workspace.profileYAML(base: server.baseURL, load: "{ vus: 2, duration: 30s, graceful_stop: 2s }"),
            flow: "steps:\n  - name: slowish\n    get: /delay/20\n")
        let child = try RehearseBinary.start(["run", profile, "--out", w.results.path], directory: w.folder.path)
        _ = try child.waitForLine(containing: "running e2e: Ctrl-C or SIGTERM stops it gracefully")
        #expect(Wait.until { server.requestCount(path: "/delay/20") >= 2 })
        child.interrupt()
        let run = try child.wait(timeout: .seconds(20))
        #expect(run.status == 130, "\(run.transcript)")
        let page = try Self.text(try w.runFolder().appendingPathComponent("report.html"))
        #expect(page.contains("Interrupted (Ctrl-C)") && page.contains("stop asked (Ctrl-C)"))

        let parts = w.folder.appendingPathComponent("parts")
        for segment in ["1/2", "2/2"] {
            let out = try RehearseBinary.run(
                ["run", profile, "--segment", segment, "--duration", "2s", "--out", parts.path, "-q"],
                directory: w.folder.path)
            #expect(out.status == 0, "\(out.transcript)")
        }
        let folders = try FileManager.default.contentsOfDirectory(at: parts, includingPropertiesForKeys: nil)
        let merged = w.folder.appendingPathComponent("merged")
        let merge = try RehearseBinary.run(["merge"] + folders.map(\.path) + ["--out", merged.path])
        #expect(merge.status == 0, "\(merge.transcript)")
        #expect(merge.stdout.contains("Report: \(merged.path)/report.html"), "\(merge.stdout)")
        #expect(try Self.text(merged.appendingPathComponent("report.html")).contains("merged from"))
    }
}
