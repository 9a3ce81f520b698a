import Foundation
import TestSupport
import Testing

/// `rehearse run --segment` in several processes, then `rehearse merge`: the merged run is the whole run.
@Suite("Running on several machines: segments and merge", .serialized)
struct ScaleOutEndToEndTests {
    @Test(arguments: [1, 3, 4])
    func segmentsMergeIntoTheWholeRun(count: Int) throws {
        let server = try TestServer.start(keepTargets: true)
        defer { server.shutdown() }
        let w = try Workspace()
        defer { w.remove() }
        let profile = try ScaleOut.write(in: w, base: server.baseURL)
        // A segment's own verdict is not the test's (--defer-verdict, as in a pod): the merge judges.
        let outputs = try ScaleOut.runSegments(count, profile: profile, in: w, extra: ["--defer-verdict"])
        for out in outputs { #expect(out.status == 0, "\(out.transcript)") }
        let folders = try FileManager.default.contentsOfDirectory(at: w.results, includingPropertiesForKeys: nil)
            .sorted { $0.path < $1.path }
        #expect(folders.count == count)
        let merged = w.folder.appendingPathComponent("merged")
        let out = try RehearseBinary.run(
            ["merge"] + folders.map(\.path) + ["--out", merged.path], timeout: .seconds(60))
        // Four debug-built generators on a shared 2-core machine may start arrivals late: then the verdict is
        // inconclusive (97), and says why; the figures below hold either way.
        #expect(out.status == 0 || (out.status == 97 && out.stdout.contains("Generator")), "\(out.transcript)")
        #expect(out.stdout.contains(out.status == 0 ? "Thresholds: all 1 passed" : "inconclusive"), "\(out.stdout)")
        let summary = try ScaleOut.json(merged.appendingPathComponent("summary.json"))
        let run = try #require(summary.object("run"))
        let totals = try #require(summary.object("totals"))

        // Every request the segments sent, and nothing else: the server's own count.
        #expect(totals["requests"] as? Int == server.requestCount())
        #expect(run["vus"] as? Int == 16, "6 closed + 10 open VUs, dealt over the segments")
        #expect(run.object("merge")?["missing_segments"] as? [Int] == [])

        // The open model's schedule: arrivals 1…200, each sent once, whichever process sent it.
        let queries = ScaleOut.queries(server.targets)
        let arrivals = queries.compactMap { $0["a"].flatMap(Int.init) }
        let dropped =
            (summary["scenarios"] as? [[String: Any]])?.first { $0["name"] as? String == "open" }?[
                "dropped_iterations"] as? Int ?? -1
        #expect(Set(arrivals).count == arrivals.count, "no arrival sent twice")
        #expect(arrivals.count + dropped == 200, "every arrival of the plan started or was counted as dropped")
        // Within 1% of the plan, unless the merged verdict already said the generators fell behind (97): dropped
        // arrivals are then the generators', and counted above.
        if out.status == 0 {
            #expect(Double(arrivals.count) >= 198, "within 1% of the plan (\(arrivals.count) of 200)")
        }
        #expect(Set(arrivals).isSubset(of: Set(1...200)))

        // Each account is used by one process only.
        var processes: [String: Set<String>] = [:]
        for q in queries { processes[q["u"] ?? "", default: []].insert(q["p"] ?? "") }
        #expect(processes.values.allSatisfy { $0.count == 1 }, "\(processes.filter { $0.value.count > 1 })")
        #expect(Set(queries.compactMap { $0["p"] }) == Set((1...count).map(String.init)))

        // Percentiles of the merged run are those of one histogram holding every segment's samples.
        let samples = try folders.flatMap { try ScaleOut.samples(inRun: $0) }.sorted()
        let latency = try #require(totals["latency"] as? [String: Any])
        #expect(latency["count"] as? Int == samples.count)
        for (key, p) in [("p50", 50.0), ("p95", 95.0), ("p99", 99.0)] {
            let expected = ScaleOut.percentile(p, of: samples)
            let got = latency[key] as? Double ?? -1
            #expect(
                abs(got - expected) <= max(0.002, expected * 0.002),
                "\(key): merged \(got) ms, all samples \(expected) ms")
        }

        // Each segment says which it was, with the common seed and start.
        for folder in folders {
            let part = try #require(try ScaleOut.json(folder.appendingPathComponent("summary.json")).object("run"))
            #expect(part["seed"] as? Int == 5)
            #expect((part.object("segment")?["count"] as? Int) == (count == 1 ? nil : count))
            #expect(part.object("start")?["scheduled"] is String)
        }
    }

    @Test func badSegmentsAreRefusedWithExitTwo() throws {
        let w = try Workspace()
        defer { w.remove() }
        let profile = try ScaleOut.write(in: w, base: "http://127.0.0.1:9")
        let cases: [([String], [String: String], String)] = [
            (["--segment", "5/4"], [:], "segment 5/4 does not exist"),
            (["--segment", "0/0"], [:], "cannot be split into 0 segments"),
            (["--segment", "two/4"], [:], "invalid segment 'two/4'"),
            (["--segments", "4"], [:], "needs JOB_COMPLETION_INDEX"),
            (["--segments", "4"], ["JOB_COMPLETION_INDEX": "4"], "segment 5/4 does not exist"),
            ([], ["REHEARSAL_SEGMENT": "3/2"], "REHEARSAL_SEGMENT: segment 3/2 does not exist"),
            (["--segment", "1/2", "--segments", "2"], [:], "--segment and --segments together"),
            (["--start-at", "tomorrow"], [:], "expected an RFC 3339 time"),
            (["--start-after", "soon"], [:], "expected a duration"),
            (["--serve", "9464"], [:], "--serve: invalid address"),
        ]
        for (args, env, message) in cases {
            let out = try RehearseBinary.run(
                ["run", profile, "-q"] + args, environment: env.merging(["PART": "1"]) { a, _ in a },
                directory: w.folder.path)
            #expect(out.status == 2, "\(args): \(out.transcript)")
            #expect(out.stderr.contains(message), "\(args): \(out.stderr)")
        }
    }

    @Test func aMergeOfTwoProfilesOrOverlappingSegmentsIsRefused() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let w = try Workspace()
        defer { w.remove() }
        let flow = "steps:\n  - { name: ok, get: /ok }\n"
        let a = try w.write(
            profile: Workspace.profileYAML(base: server.baseURL, load: "{ vus: 1, iterations: 2 }")
                .replacingOccurrences(of: "name: e2e", with: "name: gate"), flow: flow, name: "a.yaml")
        let b = try w.write(
            profile: Workspace.profileYAML(base: server.baseURL, load: "{ vus: 1, iterations: 2 }")
                .replacingOccurrences(of: "name: e2e", with: "name: smoke"), flow: flow, name: "b.yaml")
        for (path, segment) in [(a, "1/2"), (b, "2/2"), (a, "2/2")] {
            let run = try RehearseBinary.run(
                ["run", path, "--segment", segment, "--out", w.results.path, "-q"], directory: w.folder.path)
            #expect(run.status == 0, "\(run.transcript)")
        }
        let folders = try FileManager.default.contentsOfDirectory(at: w.results, includingPropertiesForKeys: nil)
        let gate = folders.filter { $0.lastPathComponent.contains("-gate-") }.map(\.path).sorted()
        let smoke = try #require(folders.first { $0.lastPathComponent.contains("-smoke-") }?.path)
        let two = try RehearseBinary.run([
            "merge", gate[0], smoke, "--out", w.folder.appendingPathComponent("m1").path,
        ])
        #expect(two.status == 2, "\(two.transcript)")
        #expect(
            two.stderr.contains("runs of two profiles") && two.stderr.contains("\"gate\"")
                && two.stderr.contains("\"smoke\""))
        let twice = try RehearseBinary.run([
            "merge", gate[0], gate[0], "--out", w.folder.appendingPathComponent("m2").path,
        ])
        #expect(twice.status == 2 && twice.stderr.contains("overlapping segments"), "\(twice.transcript)")
        let half = try RehearseBinary.run(["merge", gate[0], "--out", w.folder.appendingPathComponent("m3").path])
        #expect(half.status == 0, "\(half.transcript)")
        #expect(half.stderr.contains("warning: segments missing: 2/2"))
        let again = try RehearseBinary.run(["merge", gate[0], "--out", w.folder.appendingPathComponent("m3").path])
        #expect(again.status == 2 && again.stderr.contains("already holds a run"), "\(again.transcript)")
        let report = try RehearseBinary.run(["report", w.folder.appendingPathComponent("m3").path])
        #expect(report.status == 0 && report.stdout.contains("Rehearsal — gate"), "\(report.transcript)")
        #expect(report.stdout.contains("segments missing: 2/2"))
        let compare = try RehearseBinary.run(["compare", gate[0], w.folder.appendingPathComponent("m3").path])
        #expect(compare.status == 0, "a merged run compares like any run: \(compare.transcript)")
    }

    @Test func aMergedRunWithAGeneratorBoundSegmentIsInconclusive() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let w = try Workspace()
        defer { w.remove() }
        let profile = try ScaleOut.write(in: w, base: server.baseURL)
        let outputs = try ScaleOut.runSegments(2, profile: profile, in: w)
        // A segment may itself come out generator-bound (97) on a machine busy with other builds: either way the
        // merge below must say inconclusive.
        for out in outputs { #expect([0, 97].contains(out.status), "\(out.transcript)") }
        let folders = try FileManager.default.contentsOfDirectory(at: w.results, includingPropertiesForKeys: nil)
        // Mark one segment's generator as saturated, as a busy pod would have recorded it.
        let histograms = try #require(folders.first).appendingPathComponent("histograms.json")
        var text = try String(contentsOf: histograms, encoding: .utf8)
        text = text.replacingOccurrences(
            of: #""limited_by":\[[^\]]*\]"#, with: #""limited_by":["an engine thread was 97% busy (limit 90%)"]"#,
            options: .regularExpression)
        #expect(text.contains("97% busy"), "the segment's generator health was not found to mark")
        try text.write(to: histograms, atomically: true, encoding: .utf8)
        let out = try RehearseBinary.run(
            ["merge"] + folders.map(\.path) + ["--out", w.folder.appendingPathComponent("merged").path])
        #expect(out.status == 97, "\(out.transcript)")
        #expect(out.stdout.contains("97% busy"))
    }

    @Test func theLoadWaitsForTheCommonStartAndALateStartIsSaid() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let w = try Workspace()
        defer { w.remove() }
        let path = try w.write(
            profile: Workspace.profileYAML(base: server.baseURL, load: "{ vus: 1, iterations: 1 }"),
            flow: "steps:\n  - { name: ok, get: /ok }\n")
        let waited = try RehearseBinary.run(
            ["run", path, "--out", w.results.path, "--start-after", "2s"], directory: w.folder.path)
        #expect(waited.status == 0, "\(waited.transcript)")
        #expect(waited.seconds >= 1.9, "prepared, then waited for the instant (\(waited.seconds) s)")
        #expect(waited.stderr.contains("the load starts at"))
        let onTime = try #require(try w.summary().object("run")?.object("start"))
        #expect(onTime["late"] as? Bool == false)
        try FileManager.default.removeItem(at: w.results)

        let past = Date().addingTimeInterval(-5).ISO8601Format(.iso8601)
        let late = try RehearseBinary.run(
            ["run", path, "--out", w.results.path, "-q", "--start-at", past], directory: w.folder.path)
        #expect(late.status == 0, "\(late.transcript)")
        #expect(late.stderr.contains("warning: the load started") && late.stderr.contains("after the common start"))
        #expect(late.stdout.contains("⚠ started"))
        let start = try #require(try w.summary().object("run")?.object("start"))
        #expect(start["late"] as? Bool == true && (start["late_seconds"] as? Double ?? 0) >= 4)
    }

    @Test func aRunServesItsLiveMetrics() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let w = try Workspace()
        defer { w.remove() }
        let path = try w.write(
            profile: Workspace.profileYAML(base: server.baseURL, load: "{ vus: 2, duration: 4s }"),
            flow: "steps:\n  - { name: ok, get: /ok }\n  - think: 20ms\n")
        let child = try RehearseBinary.start(
            ["run", path, "--out", w.results.path, "--serve", "127.0.0.1:0"], environment: [:], directory: w.folder.path
        )
        let line = try child.waitForLine(containing: "/metrics")
        let port = try #require(
            line.firstMatch(of: #/metrics: http://127\.0\.0\.1:([0-9]+)/metrics/#).flatMap { Int($0.1) },
            "the run says where its metrics are: \(line)")
        // Live: the counters are there while the run goes on.
        let scrape = try ProbeEndToEndTests.scrape(port) { $0.contains("rehearsal_run_requests_total{") }
        let out = try child.wait(timeout: .seconds(60))
        #expect(out.status == 0, "\(out.transcript)")
        #expect(scrape.contains("rehearsal_run_info{profile=\"e2e\",segment=\"1/1\""), "\(scrape)")
        let requests = scrape.firstMatch(of: #/rehearsal_run_requests_total\{[^}]*role="(admin|user)"[^}]*\} ([0-9]+)/#)
        #expect(Int(requests.map { String($0.2) } ?? "0") ?? 0 > 0, "\(scrape)")
        #expect(scrape.contains("rehearsal_run_request_duration_seconds_bucket{"))
        #expect(scrape.contains("le=\"+Inf\""))
        let families = Set(try PrometheusTextParser.parse(scrape).map(\.name))
        #expect(
            families.contains("rehearsal_run_request_duration_seconds") && families.contains("rehearsal_run_requests"))
    }
}
