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
    var started = false
    private(set) var isDone = false
    /// The current step: its group's series (nil for a lone request), requests still out, its start, whether any
    /// failed.
    var groupSeries: Int?
    var groupPending = 0
    var groupStart: UInt64 = 0
    var stepFailed = false

    init(worker: Worker, localIndex: Int, number: Int, role: Int) throws(CurlError) {
        self.worker = worker
        self.localIndex = localIndex
        self.number = number
        self.role = role
        let accounts = worker.plan.profile.roles[role].accounts
        let ordinal = worker.plan.ordinalInRole[number - 1]
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

    var flows: [CompiledFlow] { worker.plan.flows }

    /// The loop woke this user: start (after ramp-up), end a think time, or begin the next iteration.
    func wake(now: UInt64) {
        if !started {
            started = true
            _ = worker.state.activeVUs.add(1, ordering: .relaxed)
            startIteration(now: now)
        } else if stepIndex < 0 {
            startIteration(now: now)
        } else {
            stepIndex += 1
            runSteps(now: now)
        }
    }

    private func startIteration(now: UInt64) {
        guard worker.mayStartIteration(now: now, started: iteration) else { return markDone() }
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

    /// Ends the iteration; the next one starts on the loop's next turn (never recursively).
    func endIteration(failed: Bool, now: UInt64) {
        if failed { worker.store.iterationsFailed += 1 } else { worker.store.iterationsCompleted += 1 }
        stepIndex = -1
        worker.schedule(localIndex, at: now)
    }

    func markDone() {
        guard !isDone else { return }
        isDone = true
        worker.finishedVUs += 1
        if started { _ = worker.state.activeVUs.subtract(1, ordering: .relaxed) }
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
