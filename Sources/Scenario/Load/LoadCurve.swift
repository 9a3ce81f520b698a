/// A piecewise-linear function of time: a start value, then stages each moving linearly to their target.
/// It is the number of active VUs of a closed model and the arrival rate of an open one. After the last stage
/// the curve is over (the load ends).
public struct LoadCurve: Sendable, Equatable {
    public var start: Double
    public var stages: [Stage]

    public init(start: Double, stages: [Stage]) {
        self.start = start
        self.stages = stages
    }

    public var length: Duration { stages.totalDuration }

    /// The value at `t` from the curve's start; nil once the curve is over (or before it starts).
    public func value(at t: Duration) -> Double? {
        guard t >= .zero else { return nil }
        var from = start
        var begin = Duration.zero
        for stage in stages {
            let end = begin + stage.duration
            if t < end {
                let fraction = stage.duration > .zero ? (t - begin) / stage.duration : 1
                return from + (stage.target - from) * fraction
            }
            from = stage.target
            begin = end
        }
        return nil
    }

    /// The first moment at or after `t` when the curve is above `level` (VU number `level` may run), or nil
    /// when it never is again. A closed model's VU `i` (0-based) runs while the curve is above `i`.
    public func firstTime(above level: Double, from t: Duration) -> Duration? {
        var from = start
        var begin = Duration.zero
        for stage in stages {
            let end = begin + stage.duration
            defer {
                from = stage.target
                begin = end
            }
            guard end > t else { continue }
            let lo = max(t, begin)
            let loValue = from + (stage.target - from) * (stage.duration > .zero ? (lo - begin) / stage.duration : 1)
            if loValue > level { return lo }
            // Rising through `level` within the stage: where the line crosses it (strictly above just after).
            if stage.target > level, stage.target > from {
                let fraction = (level - from) / (stage.target - from)
                let crossing = begin + stage.duration * fraction
                let at = max(crossing + .nanoseconds(1), lo)
                if at < end { return at }
            }
        }
        return nil
    }
}
