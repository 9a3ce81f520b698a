import DequeModule
import Foundation
import HeapModule
import Metrics
import Scenario
import Transport

/// One engine thread: its own curl multi handle and epoll loop, its virtual users (state machines driven by the
/// loop, not a task per request) and its own measurements, handed to the controller once per interval.
/// Every executor runs on this one loop: closed-model VUs wake on their own schedule (ramp-up, think time, the
/// ramp's VU curve); open-model iterations start when their `ArrivalPacer` says they are due.
/// Nothing here is shared with other threads except through `RunState`.
final class Worker {
    let plan: RunPlan
    let state: RunState
    let index: Int
    let multi: MultiHandle
    let options: TransferOptions
    /// The emulated network's routes and round trips, when the run has one.
    let network: NetworkLayer?
    /// `timeouts.spinner` in µs: a wait longer than this is a spinner of death.
    let spinnerMicros: Int
    /// Run start, and when the last scenario stops starting iterations (monotonic ns); set by `run(from:)`.
    private(set) var startTime: UInt64 = 0
    private(set) var endTime: UInt64 = 0
    /// Per scenario: when it starts and when it stops starting iterations (monotonic ns).
    private(set) var scenarioStart: [UInt64] = []
    private(set) var scenarioEnd: [UInt64] = []
    var vus: [VirtualUser] = []
    var wakes = Heap<Wake>()
    /// The open-model scenarios with VUs on this worker.
    var pacers: [ArrivalPacer] = []
    /// Per scenario: its pacer's index in `pacers` (open models on this worker only).
    var pacerOfScenario: [Int: Int] = [:]
    /// Prepared transfers waiting for room under `maxInFlightPerWorker` or for the rate ceiling.
    var backlog = Deque<EasyHandle>()
    /// `target.max_rate`, shared by every worker of the run.
    var ceiling: RequestCeiling? { state.ceiling }
    /// Results of requests never sent (a blocked host), delivered on the loop's next turn, never recursively.
    var unsent: [(EasyHandle, TransferResult)] = []
    var store: MetricsStore
    var rng = SystemRandomNumberGenerator()
    var finishedVUs = 0
    /// Set when the run starts winding down: no new iterations; transfers cut at `hardStopAt`.
    var stopping = false
    var hardStopAt = UInt64.max
    private var nextFlush: UInt64 = 0
    static let flushInterval: UInt64 = 1_000_000_000

    /// Makes the worker's multi handle and virtual users (every curl handle), before the run's clock starts.
    init(plan: RunPlan, state: RunState, index: Int, network: NetworkLayer?) throws(CurlError) {
        self.plan = plan
        self.network = network
        self.state = state
        self.index = index
        store = MetricsStore(catalog: plan.catalog)
        let timeouts = plan.profile.timeouts
        spinnerMicros = timeouts.spinner.micros
        options = TransferOptions(
            timeoutMilliseconds: Int(timeouts.request.nanoseconds / 1_000_000),
            connectTimeoutMilliseconds: Int(timeouts.connect.nanoseconds / 1_000_000),
            allowHTTP2: plan.profile.target.httpVersion == .auto, verifyTLS: plan.profile.target.verifyTLS,
            caFile: plan.caFile)
        let mine = Array(stride(from: index, to: plan.totalVUs, by: plan.workers))
        multi = try MultiHandle(maxConnections: max(mine.count * 8, 64))
        for (local, global) in mine.enumerated() {
            vus.append(try VirtualUser(worker: self, localIndex: local, globalIndex: global))
        }
    }

    /// Sets the clock: every scenario's start and end, the open models' schedules, the closed models' first wakes.
    private func begin(at start: UInt64) {
        startTime = start
        scenarioStart = plan.scenarios.map { start + $0.load.startTime.nanoseconds }
        scenarioEnd = plan.scenarios.map { start + $0.load.end.nanoseconds }
        endTime = scenarioEnd.max() ?? start
        nextFlush = start + Self.flushInterval
        for scenario in plan.scenarios {
            guard let curve = scenario.load.executor.rateCurve else { continue }
            pacerOfScenario[scenario.index] = pacers.count
            pacers.append(ArrivalPacer(scenario: scenario, curve: curve, runStart: start, workers: plan.workers, worker: index))
        }
        for vu in vus {
            if let p = pacerOfScenario[vu.scenario] {
                pacers[p].idle.append(vu.localIndex)
            } else if let first = firstActive(vu, from: 0) {
                wakes.insert(Wake(time: first, vu: vu.localIndex))
            } else {
                vu.markDone()
            }
        }
    }

    /// Runs from `start` (the run's common start, monotonic ns) until every virtual user is done or the run is cut.
    func run(from start: UInt64) {
        begin(at: start)
        while finishedVUs < vus.count || multi.inFlight > 0 || !backlog.isEmpty || !unsent.isEmpty {
            let now = MonotonicClock.now()
            checkStop(now)
            if now >= hardStopAt || state.stopLevel.load(ordering: .relaxed) >= 2 {
                cutTransfers()
                break
            }
            runDueArrivals(now)
            runDueWakes(now)
            deliverUnsentResults()
            sendBacklog()
            let wait = unsent.isEmpty ? nextWait(now) : 0
            multi.poll(maxWait: wait) { easy, result in self.finished(easy, result) }
            if MonotonicClock.now() >= nextFlush { flush() }
        }
        state.post(store)
        state.recordWorkerCPU(threadCPUSeconds: Self.threadCPUSeconds(), wallSeconds: Double(MonotonicClock.now() - startTime) / 1e9)
    }

    private func checkStop(_ now: UInt64) {
        guard !stopping else { return }
        let asked = state.stopLevel.load(ordering: .relaxed) >= 1
        // A spent iteration budget is no reason to stop: iterations under way run their course, and each VU ends
        // when `mayStartIteration` says no.
        if asked || now >= endTime {
            stopping = true
            let grace = plan.scenarios.map(\.load.gracefulStop).max() ?? .seconds(10)
            hardStopAt = now + grace.nanoseconds
            for p in pacers.indices { releaseIdle(p) }
        }
    }

    /// Starts the open-model iterations now due: each on an idle VU of its scenario, or dropped when none is idle.
    private func runDueArrivals(_ now: UInt64) {
        for p in pacers.indices {
            let s = pacers[p].scenario
            while !stopping, let due = pacers[p].nextDue, due <= now {
                if let vu = pacers[p].idle.popFirst() {
                    store.scenarios[s].scheduleLag.record(micros: Int((now - due) / 1000))
                    vus[vu].startIteration(now: now, scheduled: due)
                } else {
                    store.scenarios[s].dropped += 1
                }
                pacers[p].advance()
            }
            if pacers[p].isOver || now >= scenarioEnd[s] { releaseIdle(p) }
        }
    }

    /// The scenario's schedule is over (or the run is stopping): idle VUs are done; busy ones end after their
    /// iteration.
    private func releaseIdle(_ p: Int) {
        while let vu = pacers[p].idle.popFirst() { vus[vu].markDone() }
    }

    /// An open-model VU finished its iteration: back to the idle pool, or done when no arrival can come.
    func release(_ vu: VirtualUser) {
        guard let p = pacerOfScenario[vu.scenario] else { return }
        if stopping || pacers[p].isOver { vu.markDone() } else { pacers[p].idle.append(vu.localIndex) }
    }

    /// Wakes virtual users whose time has come; once stopping, all of them (think time is skipped).
    private func runDueWakes(_ now: UInt64) {
        while let next = wakes.min, next.time <= now || stopping {
            _ = wakes.removeMin()
            vus[next.vu].wake(now: now)
        }
    }

    private func nextWait(_ now: UInt64) -> UInt64 {
        var wait: UInt64 = 50_000_000  // bounds how late a stop request is noticed
        func until(_ t: UInt64) { wait = t > now ? min(wait, t - now) : 0 }
        if let next = wakes.min { until(next.time) }
        if !stopping {
            for pacer in pacers { if let due = pacer.nextDue { until(due) } }
            until(endTime)
        }
        until(nextFlush)  // hand each interval over on time, so the controller merges it in its own second
        if let ceiling, !backlog.isEmpty, multi.inFlight < plan.maxInFlightPerWorker { until(ceiling.nextToken(now: now)) }
        return wait
    }

    /// Sends a prepared transfer, or queues it (first come, first served) while the multi handle is full or the
    /// rate ceiling has no token.
    func submit(_ easy: EasyHandle) {
        guard backlog.isEmpty, multi.inFlight < plan.maxInFlightPerWorker else {
            backlog.append(easy)
            return
        }
        guard takeToken() else {
            store.throttledRequests += 1
            backlog.append(easy)
            return
        }
        add(easy)
    }

    private func takeToken() -> Bool {
        guard let ceiling else { return true }
        return ceiling.take(now: MonotonicClock.now())
    }

    private func add(_ easy: EasyHandle) {
        easy.sentAt = MonotonicClock.now()
        do { try multi.add(easy) } catch {
            deliverUnsent(easy, TransferResult(failure: .init(kind: .other, code: error.code, message: error.message), status: 0))
        }
    }

    /// Sends queued transfers while there is room and the ceiling allows.
    private func sendBacklog() {
        while let queued = backlog.first, multi.inFlight < plan.maxInFlightPerWorker, takeToken() {
            backlog.removeFirst()
            add(queued)
        }
    }

    /// A request that produced a result without a transfer; reported on the loop's next turn.
    func deliverUnsent(_ easy: EasyHandle, _ result: TransferResult) {
        unsent.append((easy, result))
    }

    private func deliverUnsentResults() {
        guard !unsent.isEmpty else { return }
        let results = unsent
        unsent.removeAll(keepingCapacity: true)
        for (easy, result) in results { finished(easy, result) }
    }

    private func finished(_ easy: EasyHandle, _ result: TransferResult) {
        vus[easy.tag >> 10].completed(slot: easy.tag & 1023, result: result)
        sendBacklog()
    }

    func schedule(_ vu: Int, at time: UInt64) { wakes.insert(Wake(time: time, vu: vu)) }

    /// When a closed-model VU may next run an iteration, at or after `from` ns into its scenario (the ramp's VU
    /// curve decides), as a monotonic time; nil when never again.
    func firstActive(_ vu: VirtualUser, from: UInt64) -> UInt64? {
        let scenario = plan.scenarios[vu.scenario]
        guard let curve = scenario.load.executor.vuCurve,
            let at = curve.firstTime(above: Double(vu.indexInScenario), from: .nanoseconds(Int64(from)))
        else { return nil }
        return scenarioStart[vu.scenario] + at.nanoseconds
    }

    /// What a closed-model VU that has started `started` iterations does at `now`.
    func nextIteration(of vu: VirtualUser, now: UInt64, started: Int) -> IterationGate {
        if stopping || state.stopLevel.load(ordering: .relaxed) >= 1 { return .done }
        let s = vu.scenario
        if now >= scenarioEnd[s] { return .done }
        switch plan.scenarios[s].load.executor {
        case .perVUIterations(_, let n, _): return started < n ? .start : .done
        case .sharedIterations: return state.takeIteration(scenario: s) ? .start : .done
        case .rampingVUs, .constantVUs:
            guard let at = firstActive(vu, from: now > scenarioStart[s] ? now - scenarioStart[s] : 0) else { return .done }
            return at <= now ? .start : .wait(until: at)
        case .constantArrivalRate, .rampingArrivalRate: return .done
        }
    }

    /// Hands the interval over; intervals stay aligned to the run's start so the controller sees one per tick.
    private func flush() {
        state.post(store)
        store = MetricsStore(catalog: plan.catalog)
        let now = MonotonicClock.now()
        while nextFlush <= now { nextFlush += Self.flushInterval }
    }

    /// The hard stop: abandons every transfer in flight or queued; they count as interrupted, not measured.
    private func cutTransfers() {
        backlog.removeAll()
        unsent.removeAll()
        for vu in vus { store.requestsInterrupted += vu.cancelInFlight(multi) }
        for vu in vus where !vu.isDone { vu.markDone() }
    }

    /// CPU time this thread has used, in seconds.
    private static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}

/// Whether a closed-model VU starts an iteration now, waits for the ramp to bring it back, or is done.
enum IterationGate {
    case start
    case wait(until: UInt64)
    case done
}

extension Duration {
    var nanoseconds: UInt64 {
        let (s, a) = components
        return UInt64(max(s, 0)) * 1_000_000_000 + UInt64(max(a, 0) / 1_000_000_000)
    }

    var micros: Int { Int(nanoseconds / 1000) }
}
