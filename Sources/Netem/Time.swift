import NIOCore

extension Duration {
    /// Whole nanoseconds, clamped at 0: every delay in the model is an addition, never a subtraction.
    var clampedNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let nanos = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !nanos.overflow else { return seconds < 0 ? 0 : Int64.max / 4 }
        return max(0, nanos.partialValue + attoseconds / 1_000_000_000)
    }
}

extension NIODeadline {
    /// This deadline moved by `nanoseconds` (which may be negative).
    func adding(_ nanoseconds: Int64) -> NIODeadline {
        self + .nanoseconds(nanoseconds)
    }
}

/// The time `bytes` take on a wire of `bitsPerSecond`, in nanoseconds.
func serializationNanoseconds(bytes: Int, bitsPerSecond: Int) -> Int64 {
    // 8e9 × a 64 KB read is ~5e14: far from overflow; the division rounds up so a byte never takes 0 ns.
    let bits = Int64(bytes) * 8 * 1_000_000_000
    let rate = Int64(max(1, bitsPerSecond))
    return (bits + rate - 1) / rate
}
