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
///
/// A class, not a struct: the record is ~490 bytes, and as a struct every `VUResult` (a one-request iteration
/// makes three) was as large, copied with `memcpy` each time it moved and copied field by field (retaining every
/// string and array) when the recorder read it. One allocation per request costs less.
final class RequestRecord {
    /// The step's series in the catalog (step × role).
    let series: Int
    let sample: RequestSample
    /// The user's number (`{{vu}}`) and iteration.
    let vu: Int
    let iteration: Int
    /// When the user issued the request (monotonic ns; an open model's first step counts from the schedule).
    let issuedAt: UInt64
    /// What came back.
    let result: TransferResult
    /// What was sent, kept only when the run records evidence of failures (`rehearse probe`).
    let sent: HTTPRequest?
    /// The `traceparent` it carried, when the run traces.
    let trace: TraceRef?
    /// The response's `Server-Timing` metrics.
    let serverTiming: [ServerTimingMetric]

    init(
        series: Int, sample: RequestSample, vu: Int, iteration: Int, issuedAt: UInt64, result: TransferResult,
        sent: HTTPRequest?, trace: TraceRef?, serverTiming: [ServerTimingMetric]
    ) {
        self.series = series
        self.sample = sample
        self.vu = vu
        self.iteration = iteration
        self.issuedAt = issuedAt
        self.result = result
        self.sent = sent
        self.trace = trace
        self.serverTiming = serverTiming
    }
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

    /// Moves the result at `index` out, leaving a placeholder without references (no copy, no retain). Moved in
    /// place, not swapped: a swap copies the result three times.
    mutating func takeResult(at index: Int) -> VUResult {
        results.withUnsafeMutableBufferPointer { Self.take(at: index, of: $0, leaving: .iterationStarted(scenario: 0)) }
    }

    /// Moves the action at `index` out, leaving a placeholder (a request to send is not copied).
    mutating func takeAction(at index: Int) -> VUAction {
        actions.withUnsafeMutableBufferPointer { Self.take(at: index, of: $0, leaving: .wake(at: 0)) }
    }

    private static func take<T>(at index: Int, of buffer: UnsafeMutableBufferPointer<T>, leaving placeholder: T) -> T {
        precondition(buffer.indices.contains(index))
        let element = buffer.baseAddress! + index
        defer { element.initialize(to: placeholder) }
        return element.move()
    }

    /// Empties both lists, keeping their storage. One element at a time: a call leaves a few, and for those
    /// `removeAll(keepingCapacity:)` (a generic `replaceSubrange` and the runtime's array destroy) cost ~400
    /// instructions a request.
    mutating func clear() {
        while !actions.isEmpty { actions.removeLast() }
        while !results.isEmpty { results.removeLast() }
    }
}
