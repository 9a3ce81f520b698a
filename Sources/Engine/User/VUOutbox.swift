import Metrics
import Transport

/// What a virtual user asks of its worker. The user is a state machine: it never touches sockets, clocks or
/// shared measurements; the worker carries out these actions (vegeta's attacker/pacer split).
enum VUAction {
    /// Send `request` on the user's handle `slot` (the request's place in its step).
    case send(slot: Int, request: HTTPRequest)
    /// A request that is never sent (a host outside the allow-list…): hand `failure` back as its result on the
    /// loop's next turn, never recursively.
    case refuse(slot: Int, failure: TransferFailure)
    /// Call `resume` at this monotonic time (the end of a think time).
    case wake(at: UInt64)
    /// The iteration is over: the scenario's pacer decides what the user does next.
    case iterationEnded
}

/// What a virtual user measured, as plain values: the one stream every consumer listens to (histograms now;
/// waterfalls, exemplars and Server-Timing build on the same records).
enum VUResult {
    case iterationStarted(scenario: Int)
    case request(RequestRecord)
    case group(GroupRecord)
    case iterationEnded(IterationRecord)
    /// A captured value that is a credential (`CompiledFlow.secretCaptures`): from now on every output masks it.
    case secret(String)
}

/// One finished (or never sent) request of one user.
struct RequestRecord {
    /// The step's series in the catalog (step × role).
    var series: Int
    var sample: RequestSample
    /// The user's number (`{{vu}}`) and iteration.
    var vu: Int
    var iteration: Int
    /// When the user issued the request (monotonic ns; an open model's first step counts from the schedule).
    var issuedAt: UInt64
    /// What came back.
    var result: TransferResult
    /// What was sent, kept only when the run records evidence of failures (`rehearse probe`).
    var sent: HTTPRequest?
    /// The `traceparent` it carried, when the run traces.
    var trace: TraceRef?
    /// The response's `Server-Timing` metrics.
    var serverTiming: [ServerTimingMetric]
}

/// One finished iteration of one user, with its requests in the order issued (for waterfalls).
struct IterationRecord {
    var scenario: Int
    var role: Int
    var vu: Int
    var iteration: Int
    var failed: Bool
    /// When it began (monotonic ns) and how long it took (µs).
    var startedAt: UInt64
    var totalMicros: Int
    var requests: [RequestTrace]
}

/// The wait for one parallel group, as its user saw it.
struct GroupRecord {
    var series: Int
    var waitedMicros: Int
    var overSpinner: Bool
    var failed: Bool
}

/// Where a virtual user puts its actions and results during one call; the worker empties it after each call.
/// Reused, so the hot path allocates no array per request.
struct VUOutbox {
    var actions: [VUAction] = []
    var results: [VUResult] = []

    init() {
        actions.reserveCapacity(16)
        results.reserveCapacity(16)
    }

    /// Moves the result at `index` out, leaving a placeholder without references (no copy, no retain).
    mutating func takeResult(at index: Int) -> VUResult {
        var taken = VUResult.iterationStarted(scenario: 0)
        swap(&taken, &results[index])
        return taken
    }

    /// Moves the action at `index` out, leaving a placeholder (a request to send is not copied).
    mutating func takeAction(at index: Int) -> VUAction {
        var taken = VUAction.wake(at: 0)
        swap(&taken, &actions[index])
        return taken
    }

    mutating func clear() {
        actions.removeAll(keepingCapacity: true)
        results.removeAll(keepingCapacity: true)
    }
}
