/// What starts iterations, in k6's vocabulary (README "Load and executors"). Closed models loop a number of
/// virtual users; open models (`…-arrival-rate`) start iterations on a schedule whether or not earlier ones
/// finished, and drop an iteration when no VU is free.
public enum Executor: Sendable, Equatable, Codable {
    /// `vus` users loop for `duration`; with `rampUp`, they start evenly spread over it.
    case constantVUs(vus: Int, duration: Duration, rampUp: Duration)
    /// The number of looping users follows `stages` (targets in VUs), from `startVUs`.
    case rampingVUs(startVUs: Int, stages: [Stage])
    /// `rate` iterations per second for `duration`, on at most `maxVUs` users.
    case constantArrivalRate(rate: Double, duration: Duration, maxVUs: Int)
    /// The arrival rate follows `stages` (targets in iterations per second), from `startRate`.
    case rampingArrivalRate(startRate: Double, stages: [Stage], maxVUs: Int)
    /// Each of `vus` users runs `iterations` iterations (or until `maxDuration`).
    case perVUIterations(vus: Int, iterations: Int, maxDuration: Duration)
    /// `vus` users share `iterations` iterations (or until `maxDuration`).
    case sharedIterations(vus: Int, iterations: Int, maxDuration: Duration)

    /// The name written in a profile (`executor: ramping-arrival-rate`).
    public var name: String { kind.rawValue }

    public var kind: Kind {
        switch self {
        case .constantVUs: .constantVUs
        case .rampingVUs: .rampingVUs
        case .constantArrivalRate: .constantArrivalRate
        case .rampingArrivalRate: .rampingArrivalRate
        case .perVUIterations: .perVUIterations
        case .sharedIterations: .sharedIterations
        }
    }

    /// The executors by their profile names.
    public enum Kind: String, Sendable, CaseIterable {
        case constantVUs = "constant-vus"
        case rampingVUs = "ramping-vus"
        case constantArrivalRate = "constant-arrival-rate"
        case rampingArrivalRate = "ramping-arrival-rate"
        case perVUIterations = "per-vu-iterations"
        case sharedIterations = "shared-iterations"

        /// Whether iterations start on a schedule (open model) rather than when a VU is free (closed model).
        public var isArrivalRate: Bool { self == .constantArrivalRate || self == .rampingArrivalRate }
    }

    /// Whether iterations start on a schedule (open model).
    public var isArrivalRate: Bool { kind.isArrivalRate }

    /// The virtual users the executor may use at once: the pool a run allocates.
    public var maxVUs: Int {
        switch self {
        case .constantVUs(let vus, _, _), .perVUIterations(let vus, _, _), .sharedIterations(let vus, _, _): vus
        case .rampingVUs(let start, let stages): max(start, Int(stages.map(\.target).max() ?? 0))
        case .constantArrivalRate(_, _, let maxVUs), .rampingArrivalRate(_, _, let maxVUs): maxVUs
        }
    }

    /// How long the executor runs at most (for the iteration executors, their `max_duration`).
    public var length: Duration {
        switch self {
        case .constantVUs(_, let duration, _), .constantArrivalRate(_, let duration, _): duration
        case .rampingVUs(_, let stages), .rampingArrivalRate(_, let stages, _): stages.totalDuration
        case .perVUIterations(_, _, let maxDuration), .sharedIterations(_, _, let maxDuration): maxDuration
        }
    }

    /// Iterations the executor starts at most, when it is bounded by a count.
    public var plannedIterations: Int? {
        switch self {
        case .perVUIterations(let vus, let iterations, _): vus * iterations
        case .sharedIterations(_, let iterations, _): iterations
        default: nil
        }
    }

    /// The closed model's number of active VUs over time (nil for arrival-rate executors).
    public var vuCurve: LoadCurve? {
        switch self {
        case .constantVUs(let vus, let duration, let rampUp):
            rampUp > .zero
                ? LoadCurve(
                    start: 0,
                    stages: [
                        Stage(duration: rampUp, target: Double(vus)),
                        Stage(duration: duration - rampUp, target: Double(vus)),
                    ])
                : LoadCurve(start: Double(vus), stages: [Stage(duration: duration, target: Double(vus))])
        case .rampingVUs(let start, let stages): LoadCurve(start: Double(start), stages: stages)
        case .perVUIterations(let vus, _, let maxDuration), .sharedIterations(let vus, _, let maxDuration):
            LoadCurve(start: Double(vus), stages: [Stage(duration: maxDuration, target: Double(vus))])
        case .constantArrivalRate, .rampingArrivalRate: nil
        }
    }

    /// The open model's iterations per second over time (nil for closed models).
    public var rateCurve: LoadCurve? {
        switch self {
        case .constantArrivalRate(let rate, let duration, _):
            LoadCurve(start: rate, stages: [Stage(duration: duration, target: rate)])
        case .rampingArrivalRate(let start, let stages, _): LoadCurve(start: start, stages: stages)
        default: nil
        }
    }
}

/// One stage of a ramp: move linearly to `target` (VUs, or iterations per second) over `duration`.
public struct Stage: Sendable, Equatable, Codable {
    public var duration: Duration
    public var target: Double

    public init(duration: Duration, target: Double) {
        self.duration = duration
        self.target = target
    }
}

extension [Stage] {
    public var totalDuration: Duration { reduce(Duration.zero) { $0 + $1.duration } }
}
