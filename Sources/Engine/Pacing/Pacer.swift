/// Decides when a scenario's iterations start: one pacer per executor behind this one protocol (vegeta's pacer),
/// so the worker's loop serves every load shape the same way. Closed models answer per user (`next`); open models
/// also keep a schedule (`nextArrival`) on which the worker starts iterations on idle users.
///
/// Each worker has its own pacer per scenario (its share of the scenario's users and arrivals); nothing here is
/// shared between threads except a shared-iterations budget, which is atomic.
protocol Pacer {
    /// What a free user of the scenario does next, at `now` (monotonic ns): it has started `started` iterations,
    /// and `indexInScenario` tells a ramp whether it is one of the users running now.
    mutating func next(indexInScenario: Int, started: Int, now: UInt64) -> IterationGate
    /// When the next scheduled iteration on this worker is due (monotonic ns); nil for closed models and once the
    /// schedule is over.
    var nextArrival: UInt64? { get }
    /// The 1-based number of that arrival in the scenario's whole schedule (`{{arrival}}`).
    var arrivalNumber: Int? { get }
    /// Moves past the arrival that was due.
    mutating func advance()
}

extension Pacer {
    var nextArrival: UInt64? { nil }
    var arrivalNumber: Int? { nil }
    mutating func advance() {}
}

/// What a free user does next.
enum IterationGate: Equatable {
    /// Start an iteration now.
    case start
    /// Ask again at this time (a ramp brings the user back later).
    case wait(until: UInt64)
    /// Wait, idle, for the schedule to start an iteration on it (open models).
    case idle
    /// No more iterations for this user.
    case done
}

/// The window in which a scenario starts iterations (monotonic ns): from its `start_time`, until its length is
/// over.
struct ScenarioWindow {
    let start: UInt64
    let end: UInt64

    init(_ scenario: PlannedScenario, runStart: UInt64) {
        start = runStart + scenario.load.startTime.nanoseconds
        end = runStart + scenario.load.end.nanoseconds
    }

    init(start: UInt64, end: UInt64) {
        self.start = start
        self.end = end
    }

    /// Nanoseconds into the scenario at `now` (0 before it starts).
    func offset(_ now: UInt64) -> UInt64 { now > start ? now - start : 0 }
}

enum Pacers {
    /// The pacer of `scenario`'s executor for worker `worker` of this process (`striping`). `budget` is this
    /// process's count of a shared-iterations scenario, shared by its workers.
    static func make(
        for scenario: PlannedScenario, runStart: UInt64, worker: Int, striping: VUStriping, budget: IterationBudget?
    ) -> any Pacer {
        let window = ScenarioWindow(scenario, runStart: runStart)
        let executor = scenario.load.executor
        switch executor {
        case .constantVUs, .rampingVUs:
            return CurvePacer(window: window, curve: executor.vuCurve!)
        case .perVUIterations(_, let iterations, _):
            return PerUserIterationsPacer(window: window, iterations: iterations)
        case .sharedIterations:
            return SharedIterationsPacer(window: window, budget: budget ?? IterationBudget(0))
        case .constantArrivalRate, .rampingArrivalRate:
            return ArrivalPacer(
                scenario: scenario, curve: executor.rateCurve!, window: window, striping: striping, worker: worker)
        }
    }
}
