import Foundation
import TestSupport
import Testing

/// More users than the process can hold connections for are refused before the run (exit 2) with the limit and
/// the fixes, and nothing reaches the target; a run with think times reports how late they ended.
@Suite struct CapacityEndToEndTests {
    @Test func fiftyThousandUsersAreRefusedBeforeAnythingIsSent() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let w = try Workspace()
        defer { w.remove() }
        let path = try w.write(
            profile: Workspace.profileYAML(base: server.baseURL, load: "{ vus: 50000, duration: 5s }"),
            flow: "steps:\n  - { name: a, get: /ok }\n")
        let run = try RehearseBinary.run(["run", path, "--out", w.results.path, "-q"], timeout: .seconds(60))
        #expect(run.status == 2, "\(run.transcript)")
        #expect(run.stderr.contains("open files"), "\(run.transcript)")
        #expect(run.stderr.contains("--segment"), "\(run.transcript)")
        #expect(server.requestCount() == 0)
    }

    @Test func thinkTimeLatenessIsReported() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let w = try Workspace()
        defer { w.remove() }
        let path = try w.write(
            profile: Workspace.profileYAML(
                base: server.baseURL, load: "{ executor: per-vu-iterations, vus: 4, iterations: 3 }"),
            flow: "steps:\n  - { name: a, get: /ok }\n  - think: 20ms\n")
        let run = try RehearseBinary.run(["run", path, "--out", w.results.path, "-q"], timeout: .seconds(60))
        #expect(run.status == 0, "\(run.transcript)")
        let generator = try #require(try w.summary().object("run")?.object("generator"))
        let p50 = try #require(generator["think_lag_p50_ms"] as? Double)
        let maximum = try #require(generator["think_lag_max_ms"] as? Double)
        #expect(p50 >= 0 && p50 <= maximum)
        #expect(maximum < 5_000, "a think time of 20 ms ends late by less than seconds, even on a busy machine")
    }
}
