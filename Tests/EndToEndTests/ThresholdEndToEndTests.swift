import Foundation
import TestSupport
import Testing

/// Thresholds decide the exit code of `rehearse run`, and its CI outputs are written.
@Suite("rehearse run with thresholds")
struct ThresholdEndToEndTests {
    func run(thresholds: String, flow: String) throws -> (ChildProcess.Output, Workspace) {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let w = try Workspace()
        let path = try w.write(
            profile: Workspace.profileYAML(
                base: server.baseURL, load: "{ vus: 2, iterations: 20 }", extra: "thresholds:\n" + thresholds),
            flow: flow)
        let out = try RehearseBinary.run(
            [
                "run", path, "--out", w.results.path, "-q",
                "--junit", w.folder.appendingPathComponent("gate.xml").path,
                "--markdown", w.folder.appendingPathComponent("gate.md").path,
            ], timeout: .seconds(60))
        return (out, w)
    }

    @Test func passingThresholdsExitZeroEvenWithSomeFailures() throws {
        let (out, w) = try run(
            thresholds: "  - p95 < 2s\n  - error_rate < 60%\n",
            flow: "continue_on_failure: true\nsteps:\n  - { name: ok, get: /ok }\n  - { name: bad, get: /status/500 }\n"
        )
        defer { w.remove() }
        #expect(out.status == 0, "\(out.transcript)")
        #expect(out.stdout.contains("Thresholds: all 2 passed"))
        let junit = try String(contentsOf: w.folder.appendingPathComponent("gate.xml"), encoding: .utf8)
        #expect(junit.contains("tests=\"2\"") && !junit.contains("<failure"))
        let markdown = try String(contentsOf: w.folder.appendingPathComponent("gate.md"), encoding: .utf8)
        #expect(markdown.contains("✅"))
    }

    @Test func aFailedThresholdExits99WithAJUnitFailure() throws {
        let (out, w) = try run(
            thresholds: "  - p95(step:slow) < 50ms\n", flow: "steps:\n  - { name: slow, get: /delay/120 }\n")
        defer { w.remove() }
        #expect(out.status == 99, "\(out.transcript)")
        #expect(out.stdout.contains("✗ p95(step:slow) < 50ms"))
        let junit = try String(contentsOf: w.folder.appendingPathComponent("gate.xml"), encoding: .utf8)
        #expect(junit.contains("<failure"))
        let markdown = try String(contentsOf: w.folder.appendingPathComponent("gate.md"), encoding: .utf8)
        #expect(markdown.contains("❌"))
    }

    @Test func anUnknownMetricIsBadInputBeforeAnythingIsSent() throws {
        let (out, w) = try run(thresholds: "  - erorr_rate < 1%\n", flow: "steps:\n  - { name: ok, get: /ok }\n")
        defer { w.remove() }
        #expect(out.status == 2, "\(out.transcript)")
        #expect(out.stderr.contains("thresholds[0]"))
        #expect(out.stderr.contains("did you mean"))
    }
}
