import CurlURL
import Foundation
import Metrics
import Scenario
import Secrets
import Synchronization
import Transport

/// Runs a plan: starts one worker thread per shard of virtual users, merges their measurements once per interval,
/// reports progress, and returns everything measured — also when the run is stopped early.
public final class LoadRunner: Sendable {
    public let plan: RunPlan
    let state: RunState
    private let setupError = Mutex<String?>(nil)
    private let abortReason = Mutex<String?>(nil)
    /// The run's start (monotonic ns), once the workers are ready.
    private let runStart = Mutex<UInt64?>(nil)
    /// Seconds from the start when a stop was first asked for (abort, Ctrl-C, the caller), for the timeline.
    private let stopAt = Mutex<Double?>(nil)
    private let finished = Atomic<Bool>(false)

    /// Whether `run` has returned.
    public var isFinished: Bool { finished.load(ordering: .relaxed) }

    public init(plan: RunPlan) {
        self.plan = plan
        state = RunState(maxRate: plan.maxRequestRate, start: MonotonicClock.now(), roles: plan.profile.roles.count)
    }

    /// Stops the run: the first call lets iterations in flight finish (up to `load.graceful_stop`); a second call,
    /// or `hard`, cuts transfers at once. Safe from any thread, e.g. a signal handler's queue.
    public func stop(hard: Bool = false) {
        let level = state.stopLevel.load(ordering: .relaxed)
        noteStop()
        state.requestStop(hard: hard || level >= 1)
    }

    /// Remembers when the first stop was asked for, once the run has started.
    private func noteStop() {
        guard let start = runStart.withLock({ $0 }) else { return }
        let seconds = Double(MonotonicClock.now() - start) / 1e9
        stopAt.withLock { if $0 == nil { $0 = (seconds * 1000).rounded() / 1000 } }
    }

    /// Stops the run gracefully because `reason` (an `abort_when` condition) held; the run is reported `aborted`.
    /// Only while the load runs: once a stop was asked for or the planned load is over (iterations in flight are
    /// draining), there is nothing left to protect staging from, and the run keeps its own end. Returns whether
    /// the run was aborted.
    @discardableResult
    public func abort(reason: String) -> Bool {
        guard state.stopLevel.load(ordering: .relaxed) == 0, let start = runStart.withLock({ $0 }),
            MonotonicClock.now() < start + plannedEnd
        else { return false }
        abortReason.withLock { if $0 == nil { $0 = reason } }
        noteStop()
        state.requestStop()
        return true
    }

    /// When the last scenario stops starting iterations, from the run's start (ns).
    private var plannedEnd: UInt64 { (plan.scenarios.map(\.load.end).max() ?? .zero).nanoseconds }

    /// Runs to the end, calling `onProgress` and `onInterval` (that second's measurements and the seconds since the
    /// start, e.g. to judge `abort_when`) about once a second on the calling thread.
    public func run(
        onProgress: (Progress) -> Void = { _ in }, onInterval: (MetricsStore, Double) -> Void = { _, _ in }
    ) -> RunOutcome {
        Curl.initialize()
        let network: NetworkLayer?
        do {
            network = try NetworkLayer.start(plan: plan)
        } catch {
            setupError.withLock { $0 = "network emulation: \(error)" }
            finished.store(true, ordering: .relaxed)
            let info = makeInfo(started: Date(), ended: Date(), timeline: [])
            return RunOutcome(
                info: info, catalog: plan.catalog, store: MetricsStore(catalog: plan.catalog), setupError: "\(error)")
        }
        defer { network?.shutdown() }
        let processCPU = ProcessCPU()
        let done = DispatchGroup()
        let state = self.state
        let startLine = StartLine(parties: plan.workers, notBefore: plan.startAt) {
            state.stopLevel.load(ordering: .relaxed) > 0
        }
        // A shared-iterations scenario's count (this process's part of it) is taken by all of its workers.
        let budgets = plan.scenarios.map { plan.sharedIterations(of: $0).map(IterationBudget.init) }
        for index in 0..<plan.workers {
            spawn(index, startLine: startLine, network: network, budgets: budgets, done: done)
        }
        // Every worker has made its curl handles (and the start instant has come): the schedules start now, not
        // while handles were being made.
        let start = startLine.start()
        let startTime = start.monotonic
        let started = start.wall
        runStart.withLock { $0 = startTime }
        var merger = IntervalMerger(
            catalog: plan.catalog, startTime: startTime, wallStart: started, roles: plan.profile.roles.map(\.name))
        var tick: UInt64 = 1
        // Wake just after each whole second of the run, when every worker has handed over that interval.
        while done.wait(timeout: .now() + .nanoseconds(Self.wait(until: startTime + tick * 1_000_000_000 + 60_000_000)))
            == .timedOut
        {
            let (point, interval) = merger.merge(
                state.collect(), activeVUs: state.activeVUs.load(ordering: .relaxed),
                activeByRole: state.activeVUsPerRole)
            onProgress(merger.progress(point, stopping: state.stopLevel.load(ordering: .relaxed) > 0))
            onInterval(interval, point.elapsed)
            tick = (MonotonicClock.now() - startTime) / 1_000_000_000 + 1
        }
        _ = merger.merge(state.collect(), activeVUs: 0)
        finished.store(true, ordering: .relaxed)
        var info = makeInfo(started: started, ended: Date(), timeline: merger.timeline)
        info.start = plan.startAt.map {
            StartInfo(scheduled: Self.iso($0), lateSeconds: start.lateSeconds, toleranceSeconds: StartInfo.tolerance)
        }
        info.generator = health(merger.total, seconds: info.durationSeconds, processCPU: processCPU.since())
        // Failure messages quote curl and responses; no secret leaves the engine in them.
        var store = merger.total
        store.redactMessages(with: plan.secrets.mask)
        return RunOutcome(
            info: info, catalog: plan.catalog, store: store,
            setupError: setupError.withLock { $0 } ?? state.failureReason)
    }

    private static func wait(until deadline: UInt64) -> Int {
        let now = MonotonicClock.now()
        return deadline > now ? Int(deadline - now) : 0
    }

    private func spawn(
        _ index: Int, startLine: StartLine, network: NetworkLayer?, budgets: [IterationBudget?], done: DispatchGroup
    ) {
        done.enter()
        let thread = Thread { [self] in
            defer { done.leave() }
            let worker: Worker
            do {
                worker = try Worker(plan: plan, state: state, index: index, network: network, budgets: budgets)
            } catch {
                setupError.withLock { $0 = "\(error)" }
                state.requestStop(hard: true)
                _ = startLine.arrive()
                return
            }
            worker.run(from: startLine.arrive())
        }
        thread.name = "rehearse-worker-\(index)"
        thread.start()
    }

    private func makeInfo(started: Date, ended: Date, timeline: [TimelinePoint]) -> RunInfo {
        let p = plan.profile
        let level = state.stopLevel.load(ordering: .relaxed)
        let abort = abortReason.withLock { $0 }
        let timed = p.scenarios.allSatisfy { $0.load.executor.plannedIterations == nil }
        let planned: Double? = timed ? Double((p.scenarios.map(\.load.end).max() ?? .zero).micros) / 1e6 : nil
        let rampUp: Double =
            if case .constantVUs(_, _, let r) = p.scenarios.first?.load.executor { Double(r.micros) / 1e6 } else { 0 }
        var info = RunInfo(
            profile: p.name, startedAt: Self.iso(started), endedAt: Self.iso(ended),
            durationSeconds: ended.timeIntervalSince(started),
            stopReason: abort != nil ? "aborted" : level > 0 ? "interrupted" : "completed",
            baseURL: plan.secrets.mask(URLText.withoutUserInfo(plan.baseURL)), vus: plan.ownVUs,
            plannedDurationSeconds: planned, plannedIterations: plan.plannedIterations,
            rampUpSeconds: rampUp, workers: plan.workers,
            requestTimeoutMs: p.timeouts.request.micros / 1000, connectTimeoutMs: p.timeouts.connect.micros / 1000,
            spinnerMs: p.timeouts.spinner.micros / 1000, roles: p.roles.map(\.name),
            rehearsalVersion: RehearsalVersion.current, libcurlVersion: Curl.version, timeline: timeline,
            network: roleNetworks())
        info.abortReason = abort
        info.stopAtSeconds = stopAt.withLock { $0 }
        info.machine = MachineDescription.current(workers: plan.workers)
        info.profileSummary = p.validationSummary().map { plan.secrets.mask($0) }
        info.segment = plan.segment.isWhole ? nil : SegmentInfo(index: plan.segment.index, count: plan.segment.count)
        info.fingerprint = plan.fingerprint
        info.seed = plan.seed
        info.thresholds = p.thresholds.map(\.text)
        info.concurrencyReached = state.peakActiveVUs.load(ordering: .relaxed)
        info.scenarios = p.scenarios.map { s in
            ScenarioInfo(
                name: s.name, executor: s.load.executor.name, load: s.load.summaryText,
                openModel: s.load.executor.isArrivalRate, maxVUs: s.load.maxVUs,
                marks: s.load.marks.map { LoadMark(atSeconds: $0.seconds, label: $0.label) })
        }
        return info
    }

    /// The generator's own health: its busiest thread, the process's CPU, and the open models' schedule lag.
    private func health(_ store: MetricsStore, seconds: Double, processCPU: Double) -> GeneratorHealth {
        let open = plan.scenarios.filter(\.isOpenModel).map(\.index)
        let lag: LatencyHistogram? =
            open.isEmpty
            ? nil
            : open.reduce(into: LatencyHistogram()) {
                $0.add(store.scenarios[$1].scheduleLag)
            }
        var health = GeneratorHealth.judge(
            busiestWorkerCPU: state.busiestWorkerCPU, processCPU: seconds > 0 ? processCPU / seconds : 0, lag: lag,
            dropped: store.droppedIterations, runSeconds: seconds,
            throttled: store.throttledRequests, throttleWait: store.throttleWait, requests: store.requests)
        health.noteThinkLag(store.wakeLag)
        return health
    }

    /// The emulated network per role, for the results (nil when nothing was emulated).
    private func roleNetworks() -> [RoleNetwork]? {
        let roles = zip(plan.profile.roles, plan.networkByRole).compactMap { role, network in
            network.map { RoleNetwork(role: role.name, conditions: $0) }
        }
        return roles.isEmpty ? nil : roles
    }

    /// ISO 8601 in UTC with milliseconds, as results write times (`2026-11-26T10:15:00.123Z`).
    public static func iso(_ date: Date) -> String {
        date.ISO8601Format(
            .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}

/// Everything a run measured, ready to save and report.
public struct RunOutcome: Sendable {
    public var info: RunInfo
    public var catalog: SeriesCatalog
    public var store: MetricsStore
    /// Set when a worker could not start (libcurl set-up failed): the run measured little or nothing.
    public var setupError: String?

    public var saved: SavedRun { SavedRun(info: info, catalog: catalog, store: store) }
}

/// The program's version, shown by `--version` and written into results.
public enum RehearsalVersion {
    public static let current = "0.1.0"
}
