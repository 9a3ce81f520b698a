import Metrics
import Scenario
import Transport

/// One simulated browser user: a state machine that walks its flows step by step and keeps its captures. It
/// never touches sockets, clocks or shared measurements: each call takes the time and what came back, and puts
/// what the user wants done (`VUAction`) and what it measured (`VUResult`) in an outbox the worker carries out.
/// So a scripted transport can drive it in a test, without sockets or clocks.
struct VirtualUser {
    /// 1-based VU number, `{{vu}}`.
    let number: Int
    let role: Int
    /// The scenario the user belongs to, and its 0-based index among the scenario's users.
    let scenario: Int
    let indexInScenario: Int
    let flows: [CompiledFlow]
    let account: [String: String]
    /// The emulated round trip of this user's network in µs (0: direct).
    let emulatedRTT: Int
    var captures: [String: String] = [:]
    var iteration = 0
    /// Open model: the 1-based arrival that started the current iteration, `{{arrival}}`.
    var arrival: Int?
    var flowIndex = 0
    var stepIndex = 0
    /// Whether an iteration is under way.
    private(set) var inIteration = false
    /// Open model: how late the iteration started after its scheduled time (ns), charged to its first step's
    /// requests so their latency counts from the schedule (coordinated omission corrected); then 0.
    var scheduleLag: UInt64 = 0
    /// The current step: its group's series (nil for a lone request), requests still out, when it was issued,
    /// whether any failed.
    var groupSeries: Int?
    var groupPending = 0
    var groupStart: UInt64 = 0
    var stepFailed = false
    /// Per handle slot: the request it carries (nil: idle), what was sent when the run keeps evidence, and the
    /// trace and span it carries.
    var slotRequest: [CompiledRequest?]
    var slotSent: [HTTPRequest?]
    var slotTrace: [TraceRef?]
    /// Per slot, for a step that follows redirects: the hop's request, the hops so far, when the first hop was sent.
    var slotRedirect: [RedirectState]
    /// The iteration's trace ID (W3C: one trace per iteration, a span per request), drawn from `traceRandom`, a
    /// stream seeded apart from the run's seed so re-runs never repeat a trace ID.
    var traceHigh: UInt64 = 0
    var traceLow: UInt64 = 0
    var traceRandom = SplitMix64(seed: .random(in: 0...UInt64.max))
    /// The iteration so far, request by request (reused: no allocation per request once warm).
    var log: [RequestTrace] = []
    var iterationStart: UInt64 = 0
    /// The user's own stream of random draws (think times), from the run's seed.
    var random: SplitMix64
    /// The browser's per-origin connection limit for the current step, and the requests queued behind it.
    var connections: ConnectionLimit
    /// Whether the current step queues behind `connections` (only a step wider than the limit can).
    var stepLimited = false

    init(
        number: Int, role: Int, scenario: Int, indexInScenario: Int, flows: [CompiledFlow],
        account: [String: String], slots: Int, emulatedRTT: Int, seed: UInt64, connectionsPerOrigin: Int
    ) {
        connections = ConnectionLimit(perOrigin: connectionsPerOrigin)
        self.number = number
        self.role = role
        self.scenario = scenario
        self.indexInScenario = indexInScenario
        self.flows = flows
        self.account = account
        self.emulatedRTT = emulatedRTT
        slotRequest = Array(repeating: nil, count: slots)
        slotSent = Array(repeating: nil, count: slots)
        slotTrace = Array(repeating: nil, count: slots)
        slotRedirect = Array(repeating: RedirectState(), count: slots)
        random = SplitMix64(seed: seed, stream: number)
    }

    /// Begins an iteration at `now`; an open model's was due at `scheduled`.
    mutating func begin(now: UInt64, scheduled: UInt64, context: UserContext, into out: inout VUOutbox) {
        inIteration = true
        out.results.append(.iterationStarted(scenario: scenario))
        scheduleLag = now > scheduled ? now - scheduled : 0
        iteration += 1
        iterationStart = now - min(scheduleLag, now)
        traceHigh = traceRandom.next()
        traceLow = traceRandom.next()
        log.removeAll(keepingCapacity: true)
        captures.removeAll(keepingCapacity: true)
        flowIndex = 0
        stepIndex = 0
        runSteps(now: now, context: context, into: &out)
    }

    /// A think time is over: the next step.
    mutating func resume(now: UInt64, context: UserContext, into out: inout VUOutbox) {
        guard inIteration else { return }
        stepIndex += 1
        runSteps(now: now, context: context, into: &out)
    }

    /// Ends the iteration; the worker asks the scenario's pacer what comes next.
    mutating func endIteration(failed: Bool, now: UInt64, into out: inout VUOutbox) {
        inIteration = false
        stepIndex = -1
        out.results.append(
            .iterationEnded(
                IterationRecord(
                    scenario: scenario, role: role, vu: number, iteration: iteration, failed: failed,
                    startedAt: iterationStart, totalMicros: Int((now &- iterationStart) / 1000), requests: log)))
        out.actions.append(.iterationEnded)
    }

    /// The slots with a request out (sent or queued), for a hard stop.
    var busySlots: [Int] { slotRequest.indices.filter { slotRequest[$0] != nil } }

    /// Forgets every request out (the worker abandoned them) and leaves the iteration.
    mutating func abandon() {
        for slot in slotRequest.indices {
            slotRequest[slot] = nil
            slotSent[slot] = nil
            slotRedirect[slot] = RedirectState()
        }
        inIteration = false
    }
}
