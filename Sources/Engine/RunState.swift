import Metrics
import Synchronization

/// What the controller and the workers share: stop requests, counters, and the mailbox through which each
/// worker hands over one interval's measurements. Workers touch it once per interval and per iteration,
/// never per request.
final class RunState: Sendable {
    /// 0 running, 1 stop starting iterations (graceful), 2 cut transfers now.
    let stopLevel = Atomic<Int>(0)
    /// Iterations left to start when the run is bounded by a count; `Int.max` otherwise.
    let iterationsLeft: Atomic<Int>
    /// Virtual users that have started and not finished.
    let activeVUs = Atomic<Int>(0)
    private let mailbox = Mutex<[MetricsStore]>([])

    init(iterations: Int?) {
        iterationsLeft = Atomic(iterations ?? Int.max)
    }

    /// Takes one iteration from the shared budget; false when it is spent.
    func takeIteration() -> Bool {
        while true {
            let left = iterationsLeft.load(ordering: .relaxed)
            if left <= 0 { return false }
            if left == Int.max { return true }
            if iterationsLeft.compareExchange(expected: left, desired: left - 1, ordering: .relaxed).exchanged {
                return true
            }
        }
    }

    func post(_ store: MetricsStore) { mailbox.withLock { $0.append(store) } }

    func collect() -> [MetricsStore] { mailbox.withLock { box in defer { box.removeAll() }; return box } }

    /// Asks the run to stop: gracefully first, at once when asked again (or with `hard`).
    func requestStop(hard: Bool = false) {
        if hard {
            stopLevel.store(2, ordering: .relaxed)
        } else {
            _ = stopLevel.compareExchange(expected: 0, desired: 1, ordering: .relaxed)
        }
    }
}
