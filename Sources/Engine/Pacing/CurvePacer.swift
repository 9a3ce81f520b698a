import Scenario

/// `constant-vus` and `ramping-vus`: users loop; user *i* runs while the stage curve is above *i*. On a ramp-down
/// a user finishes its iteration, then waits for the curve to come back or ends.
struct CurvePacer: Pacer {
    let window: ScenarioWindow
    let curve: LoadCurve

    func next(indexInScenario: Int, started: Int, now: UInt64) -> IterationGate {
        guard now < window.end,
            let at = curve.firstTime(
                above: Double(indexInScenario), from: .nanoseconds(Int64(window.offset(now))))
        else { return .done }
        let time = window.start + at.nanoseconds
        return time <= now ? .start : .wait(until: time)
    }
}
