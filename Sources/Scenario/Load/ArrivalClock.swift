/// The schedule of an open model: when each iteration is due, from a piecewise-linear arrival rate.
/// Iteration `k` (0-based) is due when the integral of the rate since the start reaches `k`, so the first
/// iteration starts at once and a rate ramp is followed exactly, without rounding drift.
public struct ArrivalClock: Sendable {
    private let curve: LoadCurve
    /// The stage the next arrival falls in, its start (ns from the curve's start), and arrivals before it.
    private var stage = 0
    private var stageStart: Double = 0
    private var stageStartRate: Double
    private var arrivalsBefore: Double = 0
    /// Index of the next arrival.
    public private(set) var next = 0

    public init(curve: LoadCurve) {
        self.curve = curve
        stageStartRate = curve.start
    }

    /// Nanoseconds from the curve's start at which arrival `next` is due, advancing to the following one;
    /// nil when the schedule is over.
    public mutating func advance() -> UInt64? {
        let k = Double(next)
        while stage < curve.stages.count {
            let s = curve.stages[stage]
            let length = Double(s.duration.nanosecondsCount)
            let r0 = stageStartRate / 1e9  // per ns
            let r1 = s.target / 1e9
            let inStage = (r0 + r1) / 2 * length
            let needed = k - arrivalsBefore
            // `inStage` is a sum of products in floating point (70/s × 3 s = 210.00000000000003): an arrival that
            // falls on the stage's end by rounding belongs to the next stage, or to none.
            if needed < inStage - 1e-9 * max(1, inStage) {
                let offset = Self.solve(needed: needed, r0: r0, r1: r1, length: length)
                next += 1
                return UInt64(max(0, stageStart + offset).rounded())
            }
            arrivalsBefore += inStage
            stageStart += length
            stageStartRate = s.target
            stage += 1
        }
        return nil
    }

    /// The time into a stage at which `needed` arrivals have accumulated: solves r0·x + (r1−r0)·x²/(2L) = needed.
    private static func solve(needed: Double, r0: Double, r1: Double, length: Double) -> Double {
        let a = (r1 - r0) / (2 * length)
        if abs(a) < 1e-30 { return r0 > 0 ? needed / r0 : length }
        let discriminant = max(0, r0 * r0 + 4 * a * needed)
        return (-r0 + discriminant.squareRoot()) / (2 * a)
    }
}

extension Duration {
    /// Whole nanoseconds (negative durations as 0).
    public var nanosecondsCount: Int64 {
        let (s, a) = components
        return max(0, s * 1_000_000_000 + a / 1_000_000_000)
    }
}
