import Engine
import Foundation
import Metrics
import Reports
import Scenario
import TestSupport
import Testing

/// Every executor against a real local server: counts the server saw, schedules kept, iterations dropped.
/// Runs are bounded by their load (at most a few seconds). Counts are exact where the schedule fixes them; a lower
/// bound on time is exact (a schedule never runs early); an upper bound only has to be met by a loaded 2-core
/// machine; nothing waits a fixed time for the engine (tests wait for an observable event instead).
@Suite("Executors against a real local server")
struct ExecutorTests {
    /// A profile with `load` (indented YAML lines) and a flow of one GET to `path`.
    static func profile(_ h: EngineHarness, base: String, load: String, path: String, extra: String = "") throws
        -> Profile
    {
        let yaml = """
            name: executors
            target:
              base_url: \(base)
            flows: [flow.yaml]
            load:
            \(load)
            timeouts: { request: 5s, connect: 1s, spinner: 2s }
            \(extra)
            """
        return try h.profile(yaml, flow: "steps:\n  - name: call\n    get: \(path)\n")
    }

    @Test func constantArrivalRateStartsEveryScheduledIteration() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let profile = try Self.profile(
            h, base: server.baseURL,
            load: "  executor: constant-arrival-rate\n  rate: 50/s\n  duration: 2s\n  max_vus: 10",
            path: "/ok")
        let started = Date()
        let (outcome, summary) = h.run(profile)
        let took = Date().timeIntervalSince(started)
        #expect(outcome.setupError == nil)
        let scenario = try #require(summary.scenarios.first)
        // Iteration k is due at k/50 s: k = 0…99 fall inside 2 s.
        #expect(scenario.iterationsStarted + scenario.droppedIterations == 100)
        #expect(scenario.droppedIterations == 0)
        #expect(server.requestCount(path: "/ok") == 100)
        #expect(scenario.openModel && scenario.scheduleLag != nil)
        // On time, give or take what a loaded machine's scheduler adds; a late start would lag by 100s of ms.
        let lag = scenario.scheduleLag?.p99 ?? 999
        #expect(lag < 300, "iterations start on time (lag p99 \(lag) ms)")
        #expect(took > 1.9 && took < 30, "the schedule spans 2 s (took \(took) s)")
        #expect(summary.run.generator?.scheduleLagP99Ms != nil)
    }

    @Test func anIterationWithNoFreeVUIsDroppedNotDelayed() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let profile = try Self.profile(
            h, base: server.baseURL,
            load: "  executor: constant-arrival-rate\n  rate: 20/s\n  duration: 1s\n  max_vus: 2",
            path: "/delay/500")
        let (_, summary) = h.run(profile)
        let scenario = try #require(summary.scenarios.first)
        #expect(scenario.iterationsStarted + scenario.droppedIterations == 20)
        // Two VUs, each busy at least 500 ms per iteration (a server timer never fires early): within the 1 s of
        // arrivals each can start at most two, and the first two arrivals find them free. An arrival that waited for
        // a VU instead of being dropped would start later and push the count past 4.
        #expect((2...4).contains(scenario.iterationsStarted), "started \(scenario.iterationsStarted)")
        #expect(
            server.requestCount(path: "/delay/500") == scenario.iterationsStarted, "a dropped iteration is never sent")
        #expect(summary.totals.droppedIterations == scenario.droppedIterations)
    }

    @Test func rampingArrivalRateFollowsTheStages() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let load = """
              executor: ramping-arrival-rate
              start_rate: 0/s
              stages: [{duration: 1s, target: 40/s}, {duration: 1s, target: 40/s}]
              max_vus: 20
            """
        let profile = try Self.profile(h, base: server.baseURL, load: load, path: "/ok")
        let (_, summary) = h.run(profile)
        let scenario = try #require(summary.scenarios.first)
        // ∫ rate = 20 (ramp) + 40 (flat) = 60 iterations.
        #expect(scenario.iterationsStarted + scenario.droppedIterations == 60)
        #expect(scenario.droppedIterations == 0)
        #expect(server.requestCount(path: "/ok") == 60)
    }

    @Test func rampingVUsFollowsTheStages() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let ramp = """
              executor: ramping-vus
              start_vus: 0
              stages: [{duration: 1s, target: 4}, {duration: 500ms, target: 4}, {duration: 1s, target: 0}]
            """
        let started = Date()
        let (_, ramped) = h.run(try Self.profile(h, base: server.baseURL, load: ramp, path: "/delay/40"))
        let took = Date().timeIntervalSince(started)
        #expect(ramped.run.vus == 4)
        #expect(took > 2.3 && took < 30, "the stages span 2.5 s (took \(took) s)")
        // The same users flat out for the same 2.5 s: the ramp holds about 6 of those 10 VU-seconds.
        let (_, flat) = h.run(
            try Self.profile(h, base: server.baseURL, load: "  vus: 4\n  duration: 2500ms", path: "/delay/40"))
        // Both runs are paced by the server's 40 ms timer, not by the machine's speed, so the ratio holds under load.
        let share = Double(ramped.totals.requests) / Double(max(flat.totals.requests, 1))
        #expect(share > 0.35 && share < 0.85, "ramp \(ramped.totals.requests) vs flat \(flat.totals.requests) requests")
        // About 1 s in, the ramp has brought in (nearly) all four; at the end of the ramp-down, (nearly) none.
        let first = try #require(ramped.run.timeline.first)
        #expect(first.activeVus >= 3, "active at \(first.elapsed) s: \(first.activeVus)")
        let third = ramped.run.timeline.count > 2 ? ramped.run.timeline[2] : nil
        #expect((third?.activeVus ?? 0) <= 1, "active at \(third?.elapsed ?? -1) s: \(third?.activeVus ?? -1)")
    }

    /// A run on a thread of its own: `wait` returns its summary (nil on timeout).
    final class BackgroundRun: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        /// Written by the run's thread before `done` is signalled, read after waiting on it.
        private var summary: RunSummary?
        /// The run's elapsed time at its latest progress report (set on the run's thread, read under `lock`).
        private var progressed = 0.0
        private let lock = NSLock()

        init(_ runner: LoadRunner) {
            Thread { [self] in
                summary =
                    runner.run(onProgress: { p in self.lock.withLock { self.progressed = p.elapsedSeconds } })
                    .saved.summary
                done.signal()
            }.start()
        }

        /// The run's elapsed seconds, as of its latest progress report (about once a second).
        var elapsed: Double { lock.withLock { progressed } }

        func wait(seconds: Double) -> RunSummary? {
            done.wait(timeout: .now() + seconds) == .success ? summary : nil
        }
    }

    @Test func abortStopsARunningLoadButNotADrainingOne() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        // The load ends at 1 s; its one request in flight then drains until about 1.5 s.
        let draining = LoadRunner(
            plan: RunPlan(
                profile: try Self.profile(
                    h, base: server.baseURL, load: "  vus: 1\n  duration: 1s", path: "/delay/1500"),
                workers: 1, environment: [:]))
        let first = BackgroundRun(draining)
        // Once the run reports 1 s elapsed the planned load is over (however late a loaded machine started it).
        _ = Wait.until { first.elapsed >= 1.0 || draining.isFinished }
        #expect(!draining.abort(reason: "too late"), "the load is over: nothing to abort")
        #expect(first.wait(seconds: 15)?.run.stopReason == "completed")

        let running = LoadRunner(
            plan: RunPlan(
                profile: try Self.profile(
                    h, base: server.baseURL, load: "  vus: 1\n  duration: 20s", path: "/delay/20"),
                workers: 1, environment: [:]))
        let second = BackgroundRun(running)
        // Before the load starts there is nothing to abort yet (abort says so and changes nothing): try until it runs.
        #expect(Wait.until { running.abort(reason: "error_rate > 20%") })
        let summary = second.wait(seconds: 10)
        #expect(summary != nil, "an aborted run ends at once, not after 20 s")
        #expect(summary?.run.stopReason == "aborted" && summary?.run.abortReason == "error_rate > 20%")
    }

    @Test func perVUAndSharedIterationsRunTheirCounts() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let perVU = try Self.profile(
            h, base: server.baseURL, load: "  executor: per-vu-iterations\n  vus: 3\n  iterations: 4", path: "/ok")
        let (_, a) = h.run(perVU)
        #expect(a.totals.iterationsCompleted == 12 && server.requestCount(path: "/ok") == 12)
        let shared = try Self.profile(
            h, base: server.baseURL, load: "  executor: shared-iterations\n  vus: 3\n  iterations: 10", path: "/json")
        let (_, b) = h.run(shared)
        #expect(b.totals.iterationsCompleted == 10 && server.requestCount(path: "/json") == 10)
    }

    /// `vus` users sending `/ok` for 1.5 s under `target.max_rate: rate`.
    static func capped(_ h: EngineHarness, _ server: TestServer, rate: String, vus: Int) throws -> Profile {
        let yaml = """
            name: capped
            target:
              base_url: \(server.baseURL)
              max_rate: \(rate)
            flows: [flow.yaml]
            load: { vus: \(vus), duration: 1500ms }
            """
        return try h.profile(yaml, flow: "steps:\n  - get: /ok\n")
    }

    @Test func theRateCeilingHoldsAClosedModel() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let (_, summary) = h.run(try Self.capped(h, server, rate: "40/s", vus: 4))
        // 40/s for 1.5 s is 60 requests, plus at most a burst of 8 (one bucket for the run, whatever the workers).
        #expect((50...68).contains(summary.totals.requests), "sent \(summary.totals.requests)")
        #expect(server.requestCount(path: "/ok") == summary.totals.requests)
        #expect(summary.run.generator?.throttledRequests ?? 0 > 0)
        #expect(summary.run.generator?.limitedBy.contains { $0.hasPrefix("target.max_rate held back") } == true)
    }

    /// Every request whose send the cap delayed is counted, with its wait — not only the ones that found the queue
    /// empty (those queued behind a request waiting for a token were missed).
    @Test func everyRequestTheCeilingDelaysIsCounted() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let (_, summary) = h.run(try Self.capped(h, server, rate: "20/s", vus: 6), workers: 1)
        let generator = try #require(summary.run.generator)
        // 6 users, each sending again at once, against 20 tokens a second: past the burst (8 tokens), every send waits.
        let requests = summary.totals.requests
        #expect(
            generator.throttledRequests >= requests - 8 - 2,
            "\(generator.throttledRequests) of \(requests) counted")
        #expect((generator.throttleWaitP95Ms ?? 0) >= 100, "6 users share 20 tokens a second: \(generator)")
        #expect(generator.limitedBy.contains { $0.contains("waiting p95") }, "\(generator.limitedBy)")
    }

    /// One bucket for the run: arrivals that fall unevenly on the workers (3 VUs on 2 workers) still get the
    /// whole cap, so an open model at exactly the cap drops nothing and waits for no token beyond the burst.
    @Test func theRateCeilingIsSharedByTheWorkers() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let yaml = """
            name: capped-open
            target:
              base_url: \(server.baseURL)
              max_rate: 10/s
            flows: [flow.yaml]
            load: { executor: constant-arrival-rate, rate: 10/s, duration: 2s, max_vus: 3 }
            """
        let profile = try h.profile(yaml, flow: "steps:\n  - get: /ok\n")
        let (_, summary) = h.run(profile, workers: 2)
        let scenario = try #require(summary.scenarios.first)
        #expect(scenario.iterationsStarted == 20 && scenario.droppedIterations == 0)
        // Arrivals are never early and the tokens are earned at the same pace: with one shared bucket no request
        // waits for a token, whichever worker it falls on (per-worker buckets would hold some back).
        #expect(summary.run.generator?.throttledRequests == 0)
        #expect(scenario.latency.p99 < 1000, "no arrival waited for tokens (p99 \(scenario.latency.p99) ms)")
    }

    @Test func scenariosRunTheirOwnFlowsRolesAndLoads() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        try "steps:\n  - name: browse\n    get: /ok\n".write(
            to: h.folder.appendingPathComponent("browse.yaml"), atomically: true, encoding: .utf8)
        let yaml = """
            name: mixed
            target:
              base_url: \(server.baseURL)
            roles:
              admin: { fields: { email: a@x.test } }
              user: { fields: { email: u@x.test } }
            scenarios:
              open:
                flow: browse.yaml
                roles: { user: 1 }
                load: { executor: constant-arrival-rate, rate: 20/s, duration: 1s, max_vus: 5 }
              admins:
                flow: flow.yaml
                roles: [admin]
                load: { executor: per-vu-iterations, vus: 2, iterations: 3 }
            """
        let profile = try h.profile(yaml, flow: "steps:\n  - name: report\n    get: /json\n")
        let (_, summary) = h.run(profile)
        #expect(summary.scenarios.map(\.name) == ["open", "admins"])
        #expect(
            summary.steps.map { "\($0.scenario)/\($0.step)/\($0.role)" }.sorted() == [
                "admins/report/admin", "open/browse/user",
            ])
        #expect(server.requestCount(path: "/ok") == 20)
        #expect(server.requestCount(path: "/json") == 6)
        #expect(summary.run.vus == 7)
        let text = SummaryReport.render(summary)
        #expect(text.contains("open: browse") && text.contains("admins: report"))
    }

    /// wrk2's point, in one run: a server-wide 1 s pause mid-run. The open model keeps sending on schedule, so
    /// its latency (from the schedule) shows the pause at p99; the closed model's VUs simply wait, so only the
    /// few requests in flight see it and its service-time p99 hides it.
    @Test func aStallShowsInTheOpenModelAndHidesInTheClosedModel() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let h = try EngineHarness()
        let yaml = """
            name: stall
            target:
              base_url: \(server.baseURL)
            scenarios:
              open:
                flow: flow.yaml
                load: { executor: constant-arrival-rate, rate: 100/s, duration: 3s, max_vus: 300 }
              closed:
                flow: flow.yaml
                load: { executor: constant-vus, vus: 2, duration: 3s }
            timeouts: { request: 5s }
            """
        let profile = try h.profile(yaml, flow: "steps:\n  - name: call\n    get: /pause/1000/1000\n")
        let (_, summary) = h.run(profile)
        let open = try #require(summary.scenarios.first { $0.name == "open" })
        let closed = try #require(summary.scenarios.first { $0.name == "closed" })
        #expect(open.droppedIterations == 0)
        #expect(open.latency.p99 > 700, "open model p99 from schedule \(open.latency.p99) ms shows the 1 s pause")
        #expect(closed.latency.max > 700, "the closed model's in-flight requests did wait (\(closed.latency.max) ms)")
        // Only the 2 requests in flight at the pause see it: under 1% of them once there are more than 200.
        #expect(closed.requests > 400, "the closed model kept sending (\(closed.requests) requests)")
        #expect(
            closed.serviceTime.p99 < 500, "closed model service p99 \(closed.serviceTime.p99) ms hides the 1 s pause")
        let text = SummaryReport.render(summary)
        #expect(text.contains("Scenarios (latency from schedule vs service time)"))
    }
}
