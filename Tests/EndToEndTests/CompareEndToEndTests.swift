import Foundation
import TestSupport
import Testing

/// `rehearse compare` on two real runs of the built binary: a candidate 12× slower than its baseline fails
/// `--fail-on 'p95 +10%'` (exit 1); the other way round it is an improvement (exit 0). Bad input exits 2.
@Suite("rehearse compare end to end")
struct CompareEndToEndTests {
    /// Runs one step, `dashboard` as `user`, against `/delay/{ms}`: `iterations` with 2 VUs; returns the run folder.
    static func run(delayMs: Int, server: TestServer, in ws: Workspace, iterations: Int = 60) throws -> URL {
        let profile = try ws.write(
            profile: Workspace.profileYAML(
                base: server.baseURL, load: "{ vus: 2, iterations: \(iterations) }",
                roles: "  user:\n    fields: { email: user@example.test }"),
            flow: "steps:\n  - { name: dashboard, get: /delay/\(delayMs) }\n")
        let out = try RehearseBinary.run(["run", profile, "--out", ws.results.path, "-q"], timeout: .seconds(30))
        #expect(out.status == 0, "\(out.transcript)")
        return try ws.runFolder()
    }

    /// A fast run (`fastMs` per request) and a slow one of `iterations` each, in workspaces of their own: `body`
    /// gets both folders and the fast run's workspace.
    static func withRuns(
        fastMs: Int, slowMs: Int, iterations: Int = 60, _ body: (String, String, Workspace) throws -> Void
    ) throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let fastWS = try Workspace()
        let slowWS = try Workspace()
        defer {
            fastWS.remove()
            slowWS.remove()
        }
        let fast = try run(delayMs: fastMs, server: server, in: fastWS, iterations: iterations).path
        let slow = try run(delayMs: slowMs, server: server, in: slowWS, iterations: iterations).path
        try body(fast, slow, fastWS)
    }

    /// Ten samples a side cannot tell a regression from noise: a change past the tolerance is inconclusive, which
    /// fails the gate (it once passed as "too few samples", exit 0) unless `--allow-few-samples`.
    @Test func aChangeOnTooFewSamplesIsInconclusiveAndFails() throws {
        try Self.withRuns(fastMs: 1, slowMs: 300, iterations: 10) { fast, slow, _ in try Self.inconclusive(fast, slow) }
    }

    static func inconclusive(_ fast: String, _ slow: String) throws {
        let gated = try RehearseBinary.run(["compare", fast, slow, "--fail-on", "p95 +10%"], timeout: .seconds(30))
        #expect(gated.status == 1, "\(gated.transcript)")
        #expect(gated.stdout.contains("inconclusive (too few samples)"), "\(gated.transcript)")
        #expect(
            gated.stdout.contains("✗ inconclusive: dashboard [user] p95 +")
                && gated.stdout.contains("10 samples (20 needed to tell)"), "\(gated.transcript)")
        let allowed = try RehearseBinary.run(
            ["compare", fast, slow, "--fail-on", "p95 +10%", "--allow-few-samples"], timeout: .seconds(30))
        #expect(allowed.status == 0, "\(allowed.transcript)")
        #expect(
            allowed.stdout.contains("! inconclusive: dashboard [user] p95 +"), "still listed: \(allowed.transcript)")
    }

    @Test func aSlowerCandidateFailsTheToleranceAndAFasterOnePasses() throws {
        try Self.withRuns(fastMs: 5, slowMs: 60) { fast, slow, fastWS in try Self.slowerFails(fast, slow, fastWS) }
    }

    static func slowerFails(_ fast: String, _ slow: String, _ fastWS: Workspace) throws {
        let markdown = fastWS.folder.appendingPathComponent("compare.md")

        let worse = try RehearseBinary.run(
            ["compare", fast, slow, "--fail-on", "p95 +10%", "--markdown", markdown.path], timeout: .seconds(30))
        #expect(worse.status == 1, "\(worse.transcript)")
        #expect(worse.stdout.contains("dashboard [user]"), "\(worse.transcript)")
        #expect(worse.stdout.contains("regression"), "\(worse.transcript)")
        #expect(worse.stdout.contains("✗ regression: dashboard [user] p95 +"), "\(worse.transcript)")
        // Bounded, not fast: the bootstrap must not grow with the request count (speed is not asserted).
        #expect(worse.seconds < 20, "compare took \(worse.seconds) s")
        let md = try String(contentsOf: markdown, encoding: .utf8)
        #expect(md.hasPrefix("### ❌ Rehearsal compare:") && md.contains("❌ regression"), "\(md)")

        let better = try RehearseBinary.run(["compare", slow, fast, "--fail-on", "p95 +10%"], timeout: .seconds(30))
        #expect(better.status == 0, "\(better.transcript)")
        #expect(better.stdout.contains("improvement"), "\(better.transcript)")
        // About −90% on a quiet machine (5 ms against 60 ms); a busy one adds to the fast run's tail, so only the
        // sign is certain (the 60 ms are a server timer, which never fires early).
        #expect(better.stdout.contains("  −"), "a negative change: \(better.transcript)")
        #expect(better.stdout.contains("✓ --fail-on 'p95 +10%': no regression past it"), "\(better.transcript)")

        let json = try RehearseBinary.run(["compare", fast, slow, "--json"], timeout: .seconds(30))
        #expect(json.status == 0, "without --fail-on a regression is reported, not gated: \(json.transcript)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["schema"] as? String == "rehearsal.comparison")
        let series = try #require(object?["series"] as? [[String: Any]])
        let latency = try #require(series.first?["latency"] as? [[String: Any]])
        #expect(latency.map { $0["verdict"] as? String } == ["regression", "regression", "regression"])
    }

    @Test func badInputExitsTwoAndSaysWhatIsExpected() throws {
        let ws = try Workspace()
        defer { ws.remove() }
        let missing = ws.folder.appendingPathComponent("no-such-run").path
        let unreadable = try RehearseBinary.run(["compare", missing, ws.folder.path])
        #expect(unreadable.status == 2, "\(unreadable.transcript)")
        #expect(
            unreadable.stderr.contains("\(missing): cannot read a saved run: no such folder"),
            "\(unreadable.transcript)")
        #expect(unreadable.stderr.contains("pass a folder written by rehearse run"), "\(unreadable.transcript)")

        let badRule = try RehearseBinary.run(["compare", missing, missing, "--fail-on", "p95 10"])
        #expect(badRule.status == 2, "\(badRule.transcript)")
        #expect(badRule.stderr.contains("expected 'METRIC +TOLERANCE'"), "\(badRule.transcript)")

        let badEffect = try RehearseBinary.run(["compare", missing, missing, "--min-effect", "five"])
        #expect(badEffect.status == 2, "\(badEffect.transcript)")
        #expect(badEffect.stderr.contains("expected a percentage"), "\(badEffect.transcript)")
    }
}
