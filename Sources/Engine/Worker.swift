import DequeModule
import HeapModule
import Metrics
import Scenario
import Transport

/// One engine thread: its own curl multi handle and epoll loop, its virtual users (state machines driven by the
/// loop, not a task per request) and its own measurements, handed to the controller once per interval.
/// Nothing here is shared with other threads except through `RunState`.
final class Worker {
    let plan: RunPlan
    let state: RunState
    let multi: MultiHandle
    let options: TransferOptions
    /// The emulated network's routes and round trips, when the run has one.
    let network: NetworkLayer?
    /// `timeouts.spinner` in µs: a wait longer than this is a spinner of death.
    let spinnerMicros: Int
    /// Run start and, for duration-bounded runs, the end (monotonic ns).
    let startTime: UInt64
    let endTime: UInt64?
    var vus: [VirtualUser] = []
    var wakes = Heap<Wake>()
    /// Prepared transfers waiting for room under `maxInFlightPerWorker`.
    var backlog = Deque<EasyHandle>()
    /// Results of requests never sent (a blocked host), delivered on the loop's next turn, never recursively.
    var unsent: [(EasyHandle, TransferResult)] = []
    var store: MetricsStore
    var rng = SystemRandomNumberGenerator()
    var finishedVUs = 0
    /// Set when the run starts winding down: no new iterations; transfers cut at `hardStopAt`.
    var stopping = false
    var hardStopAt = UInt64.max
    private var nextFlush: UInt64
    static let flushInterval: UInt64 = 1_000_000_000

    init(plan: RunPlan, state: RunState, index: Int, startTime: UInt64, network: NetworkLayer?) throws(CurlError) {
        self.plan = plan
        self.network = network
        self.state = state
        self.startTime = startTime
        let load = plan.profile.load
        if case .duration(let d) = load.end { endTime = startTime + d.nanoseconds } else { endTime = nil }
        store = MetricsStore(catalog: plan.catalog)
        nextFlush = startTime + Self.flushInterval
        let timeouts = plan.profile.timeouts
        spinnerMicros = timeouts.spinner.micros
        options = TransferOptions(
            timeoutMilliseconds: Int(timeouts.request.nanoseconds / 1_000_000),
            connectTimeoutMilliseconds: Int(timeouts.connect.nanoseconds / 1_000_000),
            allowHTTP2: plan.profile.target.httpVersion == .auto, verifyTLS: plan.profile.target.verifyTLS,
            caFile: plan.caFile)
        let mine = stride(from: index, to: load.vus, by: plan.workers).map { $0 }
        multi = try MultiHandle(maxConnections: max(mine.count * 8, 64))
        for (local, global) in mine.enumerated() {
            vus.append(try VirtualUser(worker: self, localIndex: local, number: global + 1, role: plan.roleOfVU[global]))
            let offset = load.vus > 1 ? load.rampUp.nanoseconds * UInt64(global) / UInt64(load.vus) : 0
            wakes.insert(Wake(time: startTime + offset, vu: local))
        }
    }

    /// Runs until every virtual user is done or the run is cut.
    func run() {
        while finishedVUs < vus.count || multi.inFlight > 0 || !backlog.isEmpty || !unsent.isEmpty {
            let now = MonotonicClock.now()
            checkStop(now)
            if now >= hardStopAt || state.stopLevel.load(ordering: .relaxed) >= 2 {
                cutTransfers()
                break
            }
            runDueWakes(now)
            deliverUnsentResults()
            let wait = unsent.isEmpty ? nextWait(now) : 0
            multi.poll(maxWait: wait) { easy, result in self.finished(easy, result) }
            if MonotonicClock.now() >= nextFlush { flush() }
        }
        state.post(store)
    }

    private func checkStop(_ now: UInt64) {
        guard !stopping else { return }
        let asked = state.stopLevel.load(ordering: .relaxed) >= 1
        // A spent iteration budget is no reason to stop: iterations under way run their course, and each VU ends
        // when `mayStartIteration` says no.
        if asked || (endTime.map { now >= $0 } ?? false) {
            stopping = true
            hardStopAt = now + plan.profile.load.gracefulStop.nanoseconds
        }
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
        if let next = wakes.min { wait = next.time > now ? min(wait, next.time - now) : 0 }
        if let end = endTime, !stopping { wait = end > now ? min(wait, end - now) : 0 }
        return wait
    }

    /// Sends a prepared transfer, or queues it (first come, first served) while the multi handle is full.
    func submit(_ easy: EasyHandle) {
        guard backlog.isEmpty, multi.inFlight < plan.maxInFlightPerWorker else {
            backlog.append(easy)
            return
        }
        do { try multi.add(easy) } catch {
            deliverUnsent(easy, TransferResult(failure: .init(kind: .other, code: error.code, message: error.message), status: 0))
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
        while let queued = backlog.first, multi.inFlight < plan.maxInFlightPerWorker {
            backlog.removeFirst()
            do { try multi.add(queued) } catch {
                deliverUnsent(queued, TransferResult(failure: .init(kind: .other, code: error.code, message: error.message), status: 0))
            }
        }
    }

    func schedule(_ vu: Int, at time: UInt64) { wakes.insert(Wake(time: time, vu: vu)) }

    /// Whether a virtual user that has started `started` iterations may start another.
    func mayStartIteration(now: UInt64, started: Int) -> Bool {
        if stopping || state.stopLevel.load(ordering: .relaxed) >= 1 { return false }
        if let end = endTime, now >= end { return false }
        if case .iterationsPerVU(let n) = plan.profile.load.end { return started < n }
        return state.takeIteration()
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
}

extension Duration {
    var nanoseconds: UInt64 {
        let (s, a) = components
        return UInt64(max(s, 0)) * 1_000_000_000 + UInt64(max(a, 0) / 1_000_000_000)
    }

    var micros: Int { Int(nanoseconds / 1000) }
}
