import Metrics
import Scenario
import Transport

/// One simulated browser user: a state machine the worker's loop drives. It walks the flows step by step,
/// keeps its captures, and owns its easy handles and its share (cookie jar and connections).
final class VirtualUser {
    unowned let worker: Worker
    let localIndex: Int
    /// 1-based VU number, `{{vu}}`.
    let number: Int
    let role: Int
    /// The scenario the user belongs to, and its 0-based index among the scenario's users.
    let scenario: Int
    let indexInScenario: Int
    /// Whether iterations are started by the scenario's schedule (open model) rather than by the user's loop.
    let isOpenModel: Bool
    let flows: [CompiledFlow]
    let account: [String: String]
    let share: ShareHandle
    var handles: [EasyHandle] = []
    /// The request each busy handle carries (nil: idle).
    var slotRequest: [CompiledRequest?] = []
    /// What each handle last sent, kept only when the run records evidence.
    var sentRequests: [HTTPRequest?] = []
    var captures: [String: String] = [:]
    /// The emulated round trip of this user's network in µs (0: direct).
    var emulatedRTT = 0
    var iteration = 0
    var flowIndex = 0
    var stepIndex = 0
    /// Whether an iteration is under way (counted in `RunState.activeVUs`).
    var inIteration = false
    private(set) var isDone = false
    /// Open model: how late the iteration started after its scheduled time (ns), charged to its first step's
    /// requests so their latency counts from the schedule (coordinated omission corrected); then 0.
    var scheduleLag: UInt64 = 0
    /// The current step: its group's series (nil for a lone request), requests still out, its start, whether any
    /// failed.
    var groupSeries: Int?
    var groupPending = 0
    var groupStart: UInt64 = 0
    var stepFailed = false

    init(worker: Worker, localIndex: Int, globalIndex: Int) throws(CurlError) {
        let plan = worker.plan
        self.worker = worker
        self.localIndex = localIndex
        number = globalIndex + 1
        role = plan.roleOfVU[globalIndex]
        scenario = plan.scenarioOfVU[globalIndex]
        indexInScenario = plan.indexInScenario[globalIndex]
        isOpenModel = plan.scenarios[scenario].isOpenModel
        flows = plan.scenarios[scenario].flows
        let accounts = plan.profile.roles[role].accounts
        let ordinal = plan.ordinalInRole[globalIndex]
        account = accounts.isEmpty ? [:] : accounts[ordinal % accounts.count]
        share = try ShareHandle()
        // One handle per request of the widest parallel group, made now so a set-up failure stops the run
        // before it starts instead of hanging a group half-sent.
        var options = worker.options
        if let routes = worker.network?.routesByRole[role], !routes.isEmpty {
            options.connectTo = routes
            options.localAddress = NetworkLayer.sourceAddress(vu: number)
        }
        emulatedRTT = worker.network?.rttByRole[role].map(\.micros) ?? 0
        for _ in 0..<worker.plan.maxParallelRequests {
            handles.append(try EasyHandle(options: options, share: share))
            slotRequest.append(nil)
            sentRequests.append(nil)
        }
    }

    /// The loop woke this closed-model user: start (after ramp-up), end a think time, or begin the next iteration.
    func wake(now: UInt64) {
        if inIteration {
            stepIndex += 1
            runSteps(now: now)
            return
        }
        switch worker.nextIteration(of: self, now: now, started: iteration) {
        case .start: startIteration(now: now, scheduled: now)
        case .wait(let until): worker.schedule(localIndex, at: until)
        case .done: markDone()
        }
    }

    /// Begins an iteration at `now`; an open model's was due at `scheduled`.
    func startIteration(now: UInt64, scheduled: UInt64) {
        inIteration = true
        _ = worker.state.activeVUs.add(1, ordering: .relaxed)
        worker.store.scenarios[scenario].started += 1
        scheduleLag = now > scheduled ? now - scheduled : 0
        iteration += 1
        captures.removeAll(keepingCapacity: true)
        handles.first?.clearCookies()  // a fresh cookie jar per iteration, as k6 does; connections stay
        flowIndex = 0
        stepIndex = 0
        runSteps(now: now)
    }

    /// Issues the next step(s) until one must wait for responses or time.
    func runSteps(now: UInt64) {
        while flowIndex < flows.count {
            let steps = flows[flowIndex].steps
            guard stepIndex < steps.count else {
                flowIndex += 1
                stepIndex = 0
                continue
            }
            switch steps[stepIndex] {
            case .request(let r):
                return send([r], group: nil, now: now)
            case .group(let requests, let series):
                return send(requests, group: series[role], now: now)
            case .think(let t):
                if worker.plan.skipThinkTime {
                    stepIndex += 1
                    continue
                }
                return worker.schedule(localIndex, at: now + thinkNanos(t))
            }
        }
        endIteration(failed: false, now: now)
    }

    private func thinkNanos(_ t: ThinkTime) -> UInt64 {
        let lo = t.minimum.nanoseconds
        let hi = t.maximum.nanoseconds
        return hi > lo ? UInt64.random(in: lo...hi, using: &worker.rng) : lo
    }

    /// Ends the iteration; a closed-model user's next one starts on the loop's next turn (never recursively), an
    /// open-model user goes back to its scenario's idle pool.
    func endIteration(failed: Bool, now: UInt64) {
        if failed { worker.store.iterationsFailed += 1 } else { worker.store.iterationsCompleted += 1 }
        stepIndex = -1
        leaveIteration()
        if isOpenModel { worker.release(self) } else { worker.schedule(localIndex, at: now) }
    }

    private func leaveIteration() {
        guard inIteration else { return }
        inIteration = false
        _ = worker.state.activeVUs.subtract(1, ordering: .relaxed)
    }

    func markDone() {
        guard !isDone else { return }
        isDone = true
        worker.finishedVUs += 1
        leaveIteration()
    }

    /// Abandons this user's requests; returns how many had been sent (queued ones never reached the server).
    func cancelInFlight(_ multi: MultiHandle) -> Int {
        var cut = 0
        for (slot, request) in slotRequest.enumerated() where request != nil {
            if multi.cancel(handles[slot]) { cut += 1 }
            slotRequest[slot] = nil
        }
        return cut
    }
}
