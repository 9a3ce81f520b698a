import DequeModule
import Foundation
import HeapModule
import Metrics
import Scenario
import Transport

/// One engine thread: its own curl multi handle and epoll loop, its virtual users (state machines driven by the
/// loop, not a task per request) and its own measurements, handed to the controller once per interval.
/// Every executor runs on this one loop through its scenario's `Pacer`; the users say what they want done
/// (`VUAction`) and what they measured (`VUResult`), and the worker carries out the one and records the other.
/// Nothing here is shared with other threads except through `RunState`.
final class Worker {
    let plan: RunPlan
    let state: RunState
    let index: Int
    let multi: MultiHandle
    let context: UserContext
    var users: [VirtualUser] = []
    var transports: [UserTransport] = []
    var isDone: [Bool] = []
    /// Users whose pacer granted an iteration that starts on the loop's next turn.
    var startGranted: [Bool] = []
    var finishedVUs = 0
    var wakes = Heap<Wake>()
    /// Per scenario: its pacer on this worker, its window, and its idle users (open models: waiting for arrivals).
    var pacers: [any Pacer] = []
    var windows: [ScenarioWindow] = []
    var idle: [Deque<Int>] = []
    let budgets: [IterationBudget?]
    /// Prepared transfers waiting for room under `maxInFlightPerWorker` or for the rate ceiling, with when each was
    /// queued and how many token refusals the worker had seen then.
    var backlog = Deque<Queued>()
    /// Times the rate ceiling had no token for this worker: a request queued before a refusal was held back by it,
    /// and so was one queued while the queue waited for a token (`rateHeld`, until the queue empties).
    var tokenRefusals = 0
    var rateHeld = false
    /// `target.max_rate`, shared by every worker of the run.
    var ceiling: RequestCeiling? { state.ceiling }
    /// Results of requests never sent (a blocked host), delivered on the loop's next turn, never recursively.
    var unsent: [(owner: Int, slot: Int, result: TransferResult)] = []
    var recorder: ResultRecorder
    var outbox = VUOutbox()
    /// Set when the run starts winding down: no new iterations; transfers cut at `hardStopAt`.
    var stopping = false
    var hardStopAt = UInt64.max
    private(set) var startTime: UInt64 = 0
    private(set) var endTime: UInt64 = 0
    var nextFlush: UInt64 = 0
    static let flushInterval: UInt64 = 1_000_000_000

    /// Makes the worker's multi handle and virtual users (every curl handle), before the run's clock starts.
    init(plan: RunPlan, state: RunState, index: Int, network: NetworkLayer?, budgets: [IterationBudget?])
        throws(CurlError)
    {
        self.plan = plan
        self.state = state
        self.index = index
        self.budgets = budgets
        recorder = ResultRecorder(plan: plan)
        context = UserContext(plan: plan, proxyPorts: network?.proxyPorts ?? [])
        let mine = Array(plan.striping.vus(ofWorker: index, total: plan.totalVUs))
        multi = try MultiHandle(maxConnections: max(mine.count * 8, 64))
        for (local, global) in mine.enumerated() { try addUser(local: local, global: global, network: network) }
        isDone = Array(repeating: false, count: users.count)
        startGranted = isDone
    }

    private func addUser(local: Int, global: Int, network: NetworkLayer?) throws(CurlError) {
        let role = plan.roleOfVU[global]
        let scenario = plan.scenarioOfVU[global]
        let accounts = plan.profile.roles[role].accounts
        var options = plan.transferOptions
        if let routes = network?.routesByRole[role], !routes.isEmpty {
            options.connectTo = routes
            options.localAddress = NetworkLayer.sourceAddress(vu: global + 1)
        } else if plan.spreadsSourceAddresses {
            // A local target: each user connects from a loopback address of its own, so one address's ephemeral
            // ports never run out (see `ConnectionBudget`).
            options.localAddress = NetworkLayer.sourceAddress(vu: global + 1)
        }
        transports.append(try UserTransport(owner: local, slots: plan.maxParallelRequests, options: options))
        users.append(
            VirtualUser(
                number: global + 1, role: role, scenario: scenario, indexInScenario: plan.indexInScenario[global],
                flows: plan.scenarios[scenario].flows,
                account: accounts.isEmpty ? [:] : accounts[plan.accountOfVU[global]],
                slots: plan.maxParallelRequests, emulatedRTT: network?.rttByRole[role].map(\.micros) ?? 0,
                seed: plan.seed, connectionsPerOrigin: context.connectionsPerOrigin))
    }

    /// Runs from `start` (the run's common start, monotonic ns) until every virtual user is done or the run is cut.
    func run(from start: UInt64) {
        begin(at: start)
        while finishedVUs < users.count || multi.inFlight > 0 || !backlog.isEmpty || !unsent.isEmpty {
            let now = MonotonicClock.now()
            // Arrivals first: one due before its scenario's end starts even when the loop woke after the end.
            runDueArrivals(now)
            checkStop(now)
            if now >= hardStopAt || state.stopLevel.load(ordering: .relaxed) >= 2 {
                cutTransfers()
                break
            }
            runDueWakes(now)
            deliverUnsentResults()
            sendBacklog()
            let wait = unsent.isEmpty ? nextWait(now) : 0
            do {
                try multi.poll(maxWait: wait) { easy, result in self.finished(easy, result) }
            } catch {
                // libcurl refused a call on the loop: its state can no longer be trusted; stop the run, loudly.
                state.fail("engine thread \(index): \(error)")
                cutTransfers()
                break
            }
            if MonotonicClock.now() >= nextFlush { flush() }
        }
        state.post(recorder.takeInterval())
        state.recordWorkerCPU(
            threadCPUSeconds: Self.threadCPUSeconds(), wallSeconds: Double(MonotonicClock.now() - startTime) / 1e9)
    }

    /// Sets the clock: every scenario's pacer and window; every user asks its pacer at the start.
    private func begin(at start: UInt64) {
        startTime = start
        recorder.runStart = start
        windows = plan.scenarios.map { ScenarioWindow($0, runStart: start) }
        endTime = windows.map(\.end).max() ?? start
        nextFlush = start + Self.flushInterval
        pacers = plan.scenarios.map { scenario in
            Pacers.make(
                for: scenario, runStart: start, worker: index, striping: plan.striping, budget: budgets[scenario.index])
        }
        idle = Array(repeating: Deque(), count: plan.scenarios.count)
        // Open-model users go idle at once (the first arrival is due now); closed-model users start on the first turn.
        for user in users.indices { gate(user, now: start, startNow: false) }
    }

    private func checkStop(_ now: UInt64) {
        guard !stopping else { return }
        // A spent iteration budget is no reason to stop: iterations under way run their course, and each user ends
        // when its pacer says so.
        if state.stopLevel.load(ordering: .relaxed) >= 1 || now >= endTime {
            stopping = true
            let grace = plan.scenarios.map(\.load.gracefulStop).max() ?? .seconds(10)
            hardStopAt = now + grace.nanoseconds
            for s in idle.indices { releaseIdle(s) }
        }
    }

    private func nextWait(_ now: UInt64) -> UInt64 {
        var wait: UInt64 = 50_000_000  // bounds how late a stop request is noticed
        func until(_ t: UInt64) { wait = t > now ? min(wait, t - now) : 0 }
        if let next = wakes.min { until(next.time) }
        if !stopping {
            for pacer in pacers { if let due = pacer.nextArrival { until(due) } }
            until(endTime)
        }
        until(nextFlush)  // hand each interval over on time, so the controller merges it in its own second
        if let ceiling, !backlog.isEmpty, multi.inFlight < plan.maxInFlightPerWorker {
            until(ceiling.nextToken(now: now))
        }
        return wait
    }

    /// Hands the interval over; intervals stay aligned to the run's start so the controller sees one per tick.
    private func flush() {
        state.post(recorder.takeInterval())
        let now = MonotonicClock.now()
        while nextFlush <= now { nextFlush += Self.flushInterval }
    }

    /// The hard stop (after `graceful_stop`, or a second Ctrl-C): abandons every transfer in flight or queued. Each
    /// is measured as cut off at the time it had waited, so a hung request fails the gate instead of vanishing.
    private func cutTransfers() {
        backlog.removeAll()
        unsent.removeAll()
        let now = MonotonicClock.now()
        var cut = 0
        for user in users.indices {
            let busy = users[user].busySlots
            let handles = transports[user].handles
            let wasInIteration = users[user].inIteration
            for slot in busy { _ = try? multi.cancel(handles[slot]) }
            if !busy.isEmpty {
                cut += busy.count
                users[user].cutOff(now: now, sentAt: { handles[$0].sentAt }, context: context, into: &outbox)
                apply(user, now: now)
            }
            if wasInIteration { state.iterationChanged(role: users[user].role, by: -1) }
            users[user].abandon()
            markDone(user)
        }
        recorder.recordInterrupted(cut)
    }

    func markDone(_ user: Int) {
        guard !isDone[user] else { return }
        isDone[user] = true
        finishedVUs += 1
    }

    /// CPU time this thread has used, in seconds.
    private static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}

extension Duration {
    var nanoseconds: UInt64 {
        let (s, a) = components
        return UInt64(max(s, 0)) * 1_000_000_000 + UInt64(max(a, 0) / 1_000_000_000)
    }

    var micros: Int { Int(nanoseconds / 1000) }
}
