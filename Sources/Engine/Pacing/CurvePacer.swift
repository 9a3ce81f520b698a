import Scenario

/// `constant-vus` and `ramping-vus`: users loop; user *i* runs while the stage curve is above *i*. On a ramp-down
/// a user finishes its iteration, then waits for the curve to come back or ends.
struct CurvePacer: Pacer {
    let window: ScenarioWindow
    let curve: LoadCurve
    /// The curve's last flat stretch (a constant-vus hold, a ramping-vus plateau): from and until (ns into the
    /// scenario) and its level. Asked once per iteration, the curve walk and its `Duration` arithmetic cost more
    /// than the rest of the pacing; inside the stretch the answer is the level.
    private let flat: (from: UInt64, until: UInt64, level: Double)?

    init(window: ScenarioWindow, curve: LoadCurve) {
        self.window = window
        self.curve = curve
        flat = Self.lastFlatStretch(of: curve)
    }

    func next(indexInScenario: Int, started: Int, now: UInt64) -> IterationGate {
        if let flat, now < window.end {
            let t = window.offset(now)
            if t >= flat.from, t < flat.until, Double(indexInScenario) < flat.level { return .start }
        }
        guard now < window.end,
            let at = curve.firstTime(
                above: Double(indexInScenario), from: .nanoseconds(Int64(window.offset(now))))
        else { return .done }
        let time = window.start + at.nanoseconds
        return time <= now ? .start : .wait(until: time)
    }
}

extension CurvePacer {
    /// The last stage whose target equals the level it starts from, with the flat stages right before it.
    static func lastFlatStretch(of curve: LoadCurve) -> (from: UInt64, until: UInt64, level: Double)? {
        var from = curve.start
        var begin: UInt64 = 0
        var stretch: (from: UInt64, until: UInt64, level: Double)?
        for stage in curve.stages {
            let end = begin + stage.duration.nanoseconds
            if stage.target == from, stage.duration > .zero {
                if let s = stretch, s.until == begin, s.level == from {
                    stretch = (s.from, end, from)
                } else {
                    stretch = (begin, end, from)
                }
            }
            from = stage.target
            begin = end
        }
        return stretch
    }
}
