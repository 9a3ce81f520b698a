import Foundation
import Metrics
import Scenario
import Synchronization
import Transport

/// Runs a plan: starts one worker thread per shard of virtual users, merges their measurements once per interval,
/// reports progress, and returns everything measured — also when the run is stopped early.
public final class LoadRunner: Sendable {
    public let plan: RunPlan
    let state: RunState
    private let setupError = Mutex<String?>(nil)
    private let finished = Atomic<Bool>(false)

    /// Whether `run` has returned.
    public var isFinished: Bool { finished.load(ordering: .relaxed) }

    public init(plan: RunPlan) {
        self.plan = plan
        let iterations: Int? = if case .iterations(let n) = plan.profile.load.end { n } else { nil }
        state = RunState(iterations: iterations)
    }

    /// Stops the run: the first call lets iterations in flight finish (up to `load.graceful_stop`); a second call,
    /// or `hard`, cuts transfers at once. Safe from any thread, e.g. a signal handler's queue.
    public func stop(hard: Bool = false) {
        let level = state.stopLevel.load(ordering: .relaxed)
        state.requestStop(hard: hard || level >= 1)
    }

    /// Runs to the end, calling `onProgress` about once a second on the calling thread.
    public func run(onProgress: (Progress) -> Void = { _ in }) -> RunOutcome {
        Curl.initialize()
        let network: NetworkLayer?
        do {
            network = try NetworkLayer.start(plan: plan)
        } catch {
            setupError.withLock { $0 = "network emulation: \(error)" }
            finished.store(true, ordering: .relaxed)
            let info = makeInfo(started: Date(), ended: Date(), timeline: [])
            return RunOutcome(info: info, catalog: plan.catalog, store: MetricsStore(catalog: plan.catalog), setupError: "\(error)")
        }
        defer { network?.shutdown() }
        let started = Date()
        let startTime = MonotonicClock.now()
        let done = DispatchGroup()
        for index in 0..<plan.workers { spawn(index, startTime: startTime, network: network, done: done) }
        var merger = IntervalMerger(catalog: plan.catalog, startTime: startTime)
        var tick: UInt64 = 1
        // Wake just after each whole second of the run, when every worker has handed over that interval.
        while done.wait(timeout: .now() + .nanoseconds(Self.wait(until: startTime + tick * 1_000_000_000 + 60_000_000)))
            == .timedOut
        {
            let point = merger.merge(state.collect(), activeVUs: state.activeVUs.load(ordering: .relaxed))
            onProgress(merger.progress(point, stopping: state.stopLevel.load(ordering: .relaxed) > 0))
            tick = (MonotonicClock.now() - startTime) / 1_000_000_000 + 1
        }
        _ = merger.merge(state.collect(), activeVUs: 0)
        finished.store(true, ordering: .relaxed)
        let info = makeInfo(started: started, ended: Date(), timeline: merger.timeline)
        // Failure messages quote curl and responses; no secret leaves the engine in them.
        var store = merger.total
        store.redactMessages(with: plan.secrets.redact)
        return RunOutcome(info: info, catalog: plan.catalog, store: store, setupError: setupError.withLock { $0 })
    }

    private static func wait(until deadline: UInt64) -> Int {
        let now = MonotonicClock.now()
        return deadline > now ? Int(deadline - now) : 0
    }

    private func spawn(_ index: Int, startTime: UInt64, network: NetworkLayer?, done: DispatchGroup) {
        done.enter()
        let thread = Thread { [self] in
            defer { done.leave() }
            do {
                try Worker(plan: plan, state: state, index: index, startTime: startTime, network: network).run()
            } catch {
                setupError.withLock { $0 = "\(error)" }
                state.requestStop(hard: true)
            }
        }
        thread.name = "rehearse-worker-\(index)"
        thread.start()
    }

    private func makeInfo(started: Date, ended: Date, timeline: [TimelinePoint]) -> RunInfo {
        let p = plan.profile
        let level = state.stopLevel.load(ordering: .relaxed)
        let planned: Double? = if case .duration(let d) = p.load.end { Double(d.micros) / 1e6 } else { nil }
        let iterations: Int? = switch p.load.end {
        case .iterations(let n): n
        case .iterationsPerVU(let n): n * p.load.vus
        case .duration: nil
        }
        return RunInfo(
            profile: p.name, startedAt: Self.iso(started), endedAt: Self.iso(ended),
            durationSeconds: ended.timeIntervalSince(started), stopReason: level > 0 ? "interrupted" : "completed",
            baseURL: plan.secrets.redact(URLText.withoutUserInfo(plan.baseURL)), vus: p.load.vus, plannedDurationSeconds: planned, plannedIterations: iterations,
            rampUpSeconds: Double(p.load.rampUp.micros) / 1e6, workers: plan.workers,
            requestTimeoutMs: p.timeouts.request.micros / 1000, connectTimeoutMs: p.timeouts.connect.micros / 1000,
            spinnerMs: p.timeouts.spinner.micros / 1000, roles: p.roles.map(\.name),
            rehearsalVersion: RehearsalVersion.current, libcurlVersion: Curl.version, timeline: timeline,
            network: roleNetworks())
    }

    /// The emulated network per role, for the results (nil when nothing was emulated).
    private func roleNetworks() -> [RoleNetwork]? {
        let roles = zip(plan.profile.roles, plan.networkByRole).compactMap { role, network in
            network.map { RoleNetwork(role: role.name, conditions: $0) }
        }
        return roles.isEmpty ? nil : roles
    }

    static func iso(_ date: Date) -> String {
        date.ISO8601Format(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
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
