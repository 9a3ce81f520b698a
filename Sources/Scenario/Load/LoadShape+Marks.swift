extension LoadShape {
    /// The moments this load changes course, in seconds from the run's start, each with what it does from then on:
    /// `ramp to 16 VUs`, `16 VUs`, `→` stages of an arrival rate (`ramp to 20/s`), and `end of load`. A timeline
    /// marks them, so a change in latency can be read against the load that caused it. Moments at the run's very
    /// start are left out (the axis starts there); iteration executors have no planned end, only their start.
    public var marks: [(seconds: Double, label: String)] {
        let start = startTime.inSeconds
        var out: [(seconds: Double, label: String)] = []
        func mark(_ seconds: Double, _ label: String) {
            guard seconds > 0 else { return }
            // Stages of no length (a stepped load's jumps) share their moment with the next: the last one says it.
            if let last = out.last, last.seconds == seconds { out.removeLast() }
            out.append((seconds, label))
        }
        guard executor.plannedIterations == nil, let curve = executor.vuCurve ?? executor.rateCurve else {
            mark(start, "start")
            return out
        }
        let text: (Double) -> String =
            executor.isArrivalRate
            ? { IterationRateText.format($0) } : { Flow.count(Int($0.rounded()), "VU") }
        var level = curve.start
        var t = start
        for stage in curve.stages {
            mark(t, stage.target == level ? text(level) : "ramp to \(text(stage.target))")
            t += stage.duration.inSeconds
            level = stage.target
        }
        mark(t, "end of load")
        return out
    }
}
