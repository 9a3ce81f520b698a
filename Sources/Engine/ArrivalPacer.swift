import DequeModule
import Scenario

/// One worker's share of an open-model scenario's schedule: the iterations due on this worker (those whose VU
/// would be one of its own, so each worker gets arrivals in proportion to its VUs), and the worker's idle VUs
/// of the scenario. An arrival with no idle VU is dropped and counted, never delayed.
struct ArrivalPacer {
    let scenario: Int
    /// When the scenario's schedule begins (monotonic ns).
    private let origin: UInt64
    private var clock: ArrivalClock
    private let maxVUs: Int
    private let firstVU: Int
    private let workers: Int
    private let worker: Int
    /// The next arrival due on this worker (monotonic ns), nil once the schedule is over.
    private(set) var nextDue: UInt64?
    /// Idle VUs (local indices), first in first out so connections are spread over the pool.
    var idle = Deque<Int>()

    init(scenario: PlannedScenario, curve: LoadCurve, runStart: UInt64, workers: Int, worker: Int) {
        self.scenario = scenario.index
        origin = runStart + scenario.load.startTime.nanoseconds
        clock = ArrivalClock(curve: curve)
        maxVUs = scenario.load.maxVUs
        firstVU = scenario.firstVU
        self.workers = workers
        self.worker = worker
        advance()
    }

    /// Moves to the next arrival that falls on this worker.
    mutating func advance() {
        while let offset = clock.advance() {
            let k = clock.next - 1
            if (firstVU + k % maxVUs) % workers == worker {
                nextDue = origin + offset
                return
            }
        }
        nextDue = nil
    }

    var isOver: Bool { nextDue == nil }
}
