import Metrics
import Synchronization

/// What the controller and the workers share: stop requests, counters, and the mailbox through which each
/// worker hands over one interval's measurements. Workers touch it once per interval and per iteration,
/// never per request.
final class RunState: Sendable {
    /// 0 running, 1 stop starting iterations (graceful), 2 cut transfers now.
    let stopLevel = Atomic<Int>(0)
    /// Per scenario: iterations left to start when it is bounded by a shared count (`Int.max` otherwise).
    private let iterationsLeft: [IterationBudget]
    /// Virtual users running an iteration now.
    let activeVUs = Atomic<Int>(0)
    /// `target.max_rate` for the whole run (nil: no cap); set once before the workers start.
    let ceiling: RequestCeiling?
    private let mailbox = Mutex<[MetricsStore]>([])
    /// Each finished worker's thread CPU time and running time, seconds.
    private let workerCPU = Mutex<[(cpu: Double, wall: Double)]>([])

    init(scenarios: [PlannedScenario], maxRate: Double?, start: UInt64) {
        ceiling = maxRate.map { RequestCeiling(perSecond: $0, start: start) }
        iterationsLeft = scenarios.map { scenario in
            if case .sharedIterations(_, let n, _) = scenario.load.executor { IterationBudget(n) } else { IterationBudget(Int.max) }
        }
    }

    /// Takes one iteration from the scenario's shared budget; false when it is spent.
    func takeIteration(scenario: Int) -> Bool { iterationsLeft[scenario].take() }

    func post(_ store: MetricsStore) { mailbox.withLock { $0.append(store) } }

    func collect() -> [MetricsStore] { mailbox.withLock { box in defer { box.removeAll() }; return box } }

    func recordWorkerCPU(threadCPUSeconds: Double, wallSeconds: Double) {
        workerCPU.withLock { $0.append((threadCPUSeconds, wallSeconds)) }
    }

    /// The busiest worker thread's CPU share over its running time (0–1).
    var busiestWorkerCPU: Double {
        workerCPU.withLock { list in list.map { $0.wall > 0 ? min(1, $0.cpu / $0.wall) : 0 }.max() ?? 0 }
    }

    /// Asks the run to stop: gracefully first, at once when asked again (or with `hard`).
    func requestStop(hard: Bool = false) {
        if hard {
            stopLevel.store(2, ordering: .relaxed)
        } else {
            _ = stopLevel.compareExchange(expected: 0, desired: 1, ordering: .relaxed)
        }
    }
}

/// A count of iterations shared by the workers, taken one at a time.
final class IterationBudget: Sendable {
    private let left: Atomic<Int>

    init(_ count: Int) { left = Atomic(count) }

    func take() -> Bool {
        while true {
            let n = left.load(ordering: .relaxed)
            if n <= 0 { return false }
            if n == Int.max { return true }
            if left.compareExchange(expected: n, desired: n - 1, ordering: .relaxed).exchanged { return true }
        }
    }
}
