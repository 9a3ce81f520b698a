import Synchronization

/// `per-vu-iterations`: each user runs its own number of iterations, within `max_duration`.
struct PerUserIterationsPacer: Pacer {
    let window: ScenarioWindow
    let iterations: Int

    func next(indexInScenario: Int, started: Int, now: UInt64) -> IterationGate {
        guard now < window.end else { return .done }
        if now < window.start { return .wait(until: window.start) }
        return started < iterations ? .start : .done
    }
}

/// `shared-iterations`: users take iterations from one count shared by the whole run, within `max_duration`.
struct SharedIterationsPacer: Pacer {
    let window: ScenarioWindow
    let budget: IterationBudget

    func next(indexInScenario: Int, started: Int, now: UInt64) -> IterationGate {
        guard now < window.end else { return .done }
        if now < window.start { return .wait(until: window.start) }
        return budget.take() ? .start : .done
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
            if left.compareExchange(expected: n, desired: n - 1, ordering: .relaxed).exchanged { return true }
        }
    }
}
