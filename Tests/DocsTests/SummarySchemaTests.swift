import DemoStaging
import Foundation
import TestSupport
import Testing

/// `docs/summary.schema.json` describes `summary.json` exactly: the summaries of real runs of every shape — two roles
/// with groups, Server-Timing and a role diff; an open model under an emulated network; timeouts, cut-off requests
/// and an abort; a merged split run; a knee test — and an old saved run validate against it with Python's
/// jsonschema, whose every described object refuses unknown fields (a field added in code but not in the schema
/// fails). The field lists of `docs/reference-results.md` name every field of the schema.
@Suite struct SummarySchemaTests {
    static let schema = MarkdownDoc.root.appendingPathComponent("docs/summary.schema.json").path
    static let validator = MarkdownDoc.root.appendingPathComponent("scripts/validate-summary.py").path
    static let oldRun = MarkdownDoc.root.appendingPathComponent(
        "Tests/VerdictsTests/Fixtures/demo-run/summary.json"
    ).path
    static let users = MarkdownDoc.root.appendingPathComponent("Profiles/demo-users.csv").path

    /// A profile against `port` with both demo roles, and the flow of `flow.yaml`.
    static func profile(port: Int, extra: String) -> String {
        """
        name: shape
        target: { base_url: "http://127.0.0.1:\(port)" }
        flows: [flow.yaml]
        roles:
          admin: { fields: { email: admin@demo.test, password: demo-admin } }
          user: { csv: \(users) }
        \(extra)
        """
    }

    @Test func realRunsOfEveryShapeMatchTheSchema() async throws {
        // The slow policy on few rows: user's dashboard query takes ~60 ms against admin's 5 ms, and a login and a
        // dashboard without think times give each role enough samples for a role diff with a cause; a 40 ms request
        // timeout cuts user's query.
        let server = try DemoStagingServer.start(options: DemoOptions(rows: 20, costJitter: 0))
        defer { server.shutdown() }
        let folder = try TemporaryFolder("schema")
        defer { folder.remove() }
        try await Self.makeRuns(in: folder, port: server.port)

        let summaries = Self.summaries(under: folder.path("runs"))
        #expect(summaries.count == 7, "\(summaries)")
        try Self.expectShapes(summaries)
        let out = try await ChildProcess("python3", [Self.validator, Self.schema] + summaries + [Self.oldRun])
            .finished()
        try #require(out.status != 3, "Python's jsonschema is missing: run `make test` (it installs it)")
        #expect(out.status == 0, "summary.json does not match docs/summary.schema.json:\n\(out.transcript)")
    }

    /// The profiles of the runs: their load and what else each shape needs.
    static let shapes = [
        "two-roles": "load: { vus: 8, duration: 2s }\nthresholds: [\"p95(group:dashboard) < 2s\"]",
        "open": "load: { executor: constant-arrival-rate, rate: 8/s, duration: 2s, max_vus: 6 }\nnetwork: { rtt: 4ms }",
        "cut": "load: { vus: 4, duration: 3s, graceful_stop: 0s }\ntimeouts: { request: 40ms }\n"
            + "abort_when: [\"error_rate > 5% for 1s\"]",
    ]

    /// Under `runs/` of `folder`: a run of each shape, two segments of a split run and their merge, a knee test.
    /// The runs go at once (each is light), then the merge.
    static func makeRuns(in folder: TemporaryFolder, port: Int) async throws {
        try folder.write("flow.yaml", YAMLExample.standInFlow)
        for (name, extra) in shapes { try folder.write("\(name).yaml", profile(port: port, extra: extra)) }
        let commands =
            shapes.keys.sorted().map { ["run", "\($0).yaml", "--out", "runs/\($0)"] }
            + (1...2).map { ["run", "two-roles.yaml", "--segment", "\($0)/2", "--out", "runs/segments"] }
            + [["knee", "two-roles.yaml", "--vus", "1..2", "--level", "2s", "--warmup", "1s", "--out", "runs/knee"]]
        let children = try commands.map { try RehearseBinary.start($0 + ["-q"], directory: folder.directory) }
        for (command, child) in zip(commands, children) {
            let out = try await child.finished(timeout: .seconds(60))
            #expect([0, 1, 98, 99].contains(out.status), "\(command): \(out.transcript)")
        }
        let segments = try FileManager.default.contentsOfDirectory(atPath: folder.path("runs/segments")).sorted()
        let merged = try await RehearseBinary.start(
            ["merge"] + segments.map { "runs/segments/\($0)" } + ["--out", "runs/merged"], directory: folder.directory
        ).finished()
        #expect([0, 1].contains(merged.status), "\(merged.transcript)")
    }

    /// The runs really have the shapes the schema must cover.
    static func expectShapes(_ paths: [String]) throws {
        let all = try paths.map { path in
            (
                path,
                try #require(
                    JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
            )
        }
        func some(_ what: String, _ test: ([String: Any]) -> Bool) {
            #expect(all.contains { test($0.1) }, "no run has \(what): \(paths)")
        }
        func run(_ s: [String: Any]) -> [String: Any] { s["run"] as? [String: Any] ?? [:] }
        func steps(_ s: [String: Any]) -> [[String: Any]] { s["steps"] as? [[String: Any]] ?? [] }
        some("a role diff with a cause") { s in
            ((s["role_diff"] as? [String: Any])?["findings"] as? [[String: Any]])?.contains {
                $0["explained_by"] != nil
            } ?? false
        }
        some("Server-Timing") { s in steps(s).contains { $0["server_timing"] != nil } }
        some("groups") { s in !((s["groups"] as? [Any])?.isEmpty ?? true) }
        some("waterfalls") { s in s["waterfalls"] != nil }
        some("an open model") { s in (s["scenarios"] as? [[String: Any]])?.first?["schedule_lag"] != nil }
        some("an emulated network") { s in run(s)["network"] != nil }
        some("timeouts by phase") { s in steps(s).contains { $0["timeout_phases"] != nil } }
        some("an abort") { s in run(s)["abort_reason"] != nil }
        some("a merge") { s in run(s)["merge"] != nil }
        some("a segment") { s in run(s)["segment"] != nil }
        some("thresholds") { s in run(s)["thresholds"] != nil }
        some("think-time lateness") { s in (run(s)["generator"] as? [String: Any])?["think_lag_p99_ms"] != nil }
    }

    /// Every `summary.json` under `folder`.
    static func summaries(under folder: String) -> [String] {
        let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix("summary.json") }.sorted().map { "\(folder)/\($0)" }
    }

    @Test func theResultsReferenceNamesEveryFieldOfTheSchema() throws {
        let doc = try MarkdownDoc("docs/reference-results.md")
        #expect(doc.text.contains("(summary.schema.json)"), "reference-results.md links the schema")
        let schema = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.schema))) as? [String: Any])
        var names: Set<String> = []
        Self.propertyNames(schema, into: &names)
        #expect(names.count > 100, "\(names.count)")
        let unnamed = names.filter { !doc.text.contains("`\($0)`") && !doc.text.contains("`\($0)[]`") }.sorted()
        #expect(unnamed.isEmpty, "docs/reference-results.md does not name these summary.json fields: \(unnamed)")
    }

    /// The keys of every `properties` object in a schema.
    static func propertyNames(_ node: Any, into names: inout Set<String>) {
        if let object = node as? [String: Any] {
            if let properties = object["properties"] as? [String: Any] { names.formUnion(properties.keys) }
            for value in object.values { propertyNames(value, into: &names) }
        } else if let array = node as? [Any] {
            for value in array { propertyNames(value, into: &names) }
        }
    }
}
