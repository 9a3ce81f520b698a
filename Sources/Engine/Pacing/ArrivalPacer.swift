import Scenario

/// `constant-arrival-rate` and `ramping-arrival-rate` (open models): iterations start on a schedule, on an idle
/// user of the scenario; an arrival with no idle user is dropped and counted, never delayed. Each worker keeps the
/// arrivals whose user would be one of its own, so arrivals are spread in proportion to users.
struct ArrivalPacer: Pacer {
    private let window: ScenarioWindow
    private var clock: ArrivalClock
    private let maxVUs: Int
    private let firstVU: Int
    private let workers: Int
    private let worker: Int
    /// The next arrival due on this worker (monotonic ns), nil once the schedule is over.
    private(set) var nextArrival: UInt64?

    init(scenario: PlannedScenario, curve: LoadCurve, window: ScenarioWindow, workers: Int, worker: Int) {
        self.window = window
        clock = ArrivalClock(curve: curve)
        maxVUs = scenario.load.maxVUs
        firstVU = scenario.firstVU
        self.workers = workers
        self.worker = worker
        advance()
    }

    /// Users wait idle for arrivals until the schedule is over.
    func next(indexInScenario: Int, started: Int, now: UInt64) -> IterationGate {
        nextArrival == nil || now >= window.end ? .done : .idle
    }

    /// Moves to the next arrival that falls on this worker.
    mutating func advance() {
        while let offset = clock.advance() {
            let k = clock.next - 1
            if (firstVU + k % maxVUs) % workers == worker {
                nextArrival = window.start + offset
                return
            }
        }
        nextArrival = nil
    }
}
