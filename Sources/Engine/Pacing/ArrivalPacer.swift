import Scenario

/// `constant-arrival-rate` and `ramping-arrival-rate` (open models): iterations start on a schedule, on an idle
/// user of the scenario; an arrival with no idle user is dropped and counted, never delayed. Arrival `k` belongs
/// to the worker (and, in a split run, the segment) that runs the scenario's user `k mod maxVUs` (`VUStriping`), so
/// arrivals are spread in proportion to users and every arrival of the schedule is kept by exactly one worker of one
/// process.
struct ArrivalPacer: Pacer {
    private let window: ScenarioWindow
    private var clock: ArrivalClock
    private let maxVUs: Int
    private let firstVU: Int
    private let striping: VUStriping
    private let worker: Int
    /// The next arrival due on this worker (monotonic ns), nil once the schedule is over.
    private(set) var nextArrival: UInt64?
    private(set) var arrivalNumber: Int?

    init(scenario: PlannedScenario, curve: LoadCurve, window: ScenarioWindow, striping: VUStriping, worker: Int) {
        self.window = window
        clock = ArrivalClock(curve: curve)
        maxVUs = scenario.load.maxVUs
        firstVU = scenario.firstVU
        self.striping = striping
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
            if striping.worker(of: firstVU + k % maxVUs) == worker {
                nextArrival = window.start + offset
                arrivalNumber = k + 1
                return
            }
        }
        nextArrival = nil
        arrivalNumber = nil
    }
}
