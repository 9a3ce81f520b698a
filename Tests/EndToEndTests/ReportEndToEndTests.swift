import Foundation
import TestSupport
import Testing

/// `rehearse report` on a run saved by `rehearse demo` (the Verdicts tests' fixture, read in place): the same
/// summary.json rebuilt from the histograms, and the spinner re-judged for another limit with `--spinner`.
@Suite struct ReportEndToEndTests {
    static let run = RehearseBinary.packageRoot.appendingPathComponent("Tests/VerdictsTests/Fixtures/demo-run")

    /// A run saved by this version (the fixture is older: its rebuilt summary has the fields added since).
    @Test func jsonRebuildsTheSavedSummaryByteForByte() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let w = try Workspace()
        defer { w.remove() }
        let path = try w.write(
            profile: Workspace.profileYAML(base: server.baseURL, load: "{ vus: 2, iterations: 6 }"),
            flow:
                "steps:\n  - group: page\n    requests:\n      - { name: a, get: /ok }\n      - { name: b, get: /json }\n"
        )
        let run = try RehearseBinary.run(["run", path, "--out", w.results.path, "-q"], timeout: .seconds(60))
        #expect(run.status == 0, "\(run.transcript)")
        let folder = try w.runFolder()
        let out = try RehearseBinary.run(["report", folder.path, "--json"])
        #expect(out.status == 0, "\(out.transcript)")
        let saved = try String(contentsOf: folder.appendingPathComponent("summary.json"), encoding: .utf8)
        #expect(out.stdout == saved + "\n")
    }

    @Test func spinnerRejudgesTheWaitsAndSaysWhichLimit() throws {
        let own = try RehearseBinary.run(["report", Self.run.path])
        #expect(own.status == 0, "\(own.transcript)")
        #expect(
            own.stdout.contains("✗ dashboard as user: 67% of waits crossed the 2s spinner limit"), "\(own.transcript)")
        #expect(!own.stdout.contains("re-judged"), "\(own.transcript)")

        let longer = try RehearseBinary.run(["report", Self.run.path, "--spinner", "3s"])
        #expect(longer.status == 0, "\(longer.transcript)")
        #expect(
            longer.stdout.contains("✗ dashboard as user: 44% of waits crossed the 3s spinner limit"),
            "\(longer.transcript)")
        #expect(longer.stdout.contains("4s       2       8 (44%)"), "the group table's over-spinner column")
        #expect(
            longer.stdout.contains(
                "Spinner limit 3s, re-judged from the saved histograms (the run used 2s; a wait within 0.1% of the "
                    + "limit counts as at it)."), "\(longer.transcript)")

        let json = try RehearseBinary.run(["report", Self.run.path, "--spinner", "5s", "--json"])
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let info = try #require(summary["run"] as? [String: Any])
        #expect(info["spinner_ms"] as? Int == 5_000)
        let groups = try #require(summary["groups"] as? [[String: Any]])
        #expect(groups.map { $0["over_spinner"] as? Int } == [0, 0])
    }

    @Test func aBadSpinnerIsBadInput() throws {
        for text in ["3", "0s", "soon"] {
            let out = try RehearseBinary.run(["report", Self.run.path, "--spinner", text])
            #expect(out.status == 2, "\(out.transcript)")
            #expect(out.stderr.contains("error: --spinner: bad duration \"\(text)\""), "\(out.transcript)")
        }
    }

    /// A folder that is not a run says what is missing, never Foundation's `NSCocoaErrorDomain Code=260`.
    @Test func aFolderThatIsNotARunSaysWhatIsMissing() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let empty = ws.folder.appendingPathComponent("empty")
        let partial = ws.folder.appendingPathComponent("partial")
        let broken = ws.folder.appendingPathComponent("broken")
        for folder in [empty, partial, broken] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        try "{}".write(to: partial.appendingPathComponent("summary.json"), atomically: true, encoding: .utf8)
        try #"{"info":{}}"#.write(
            to: broken.appendingPathComponent("histograms.json"), atomically: true, encoding: .utf8)
        let cases: [(String, String)] = [
            (ws.folder.appendingPathComponent("missing").path, "no such folder"),
            (empty.path, "the folder is empty"),
            (partial.path, "it has summary.json but histograms.json is missing"),
            (broken.path, "histograms.json is not a saved run: no "),
            (partial.appendingPathComponent("summary.json").path, "not a folder"),
        ]
        for (folder, says) in cases {
            for command in [["report", folder], ["compare", folder, folder]] {
                let out = try RehearseBinary.run(command)
                #expect(out.status == 2, "\(out.transcript)")
                #expect(out.stderr.contains(says) && out.stderr.contains("hint: pass a folder"), "\(out.transcript)")
                #expect(!out.stderr.contains("NSCocoaErrorDomain"), "\(out.transcript)")
            }
        }
    }
}
