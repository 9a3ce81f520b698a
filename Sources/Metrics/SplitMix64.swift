/// SplitMix64 (Steele, Lea, Flood 2014): a small, fast generator with a fixed sequence per seed. Comparisons
/// print the same intervals every time, and a user's think times repeat with the run's seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// Seeded by `seed` and a name, so every metric of every series draws its own stream, whatever the order.
    public init(seed: UInt64, name: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a: stable across runs and platforms, unlike Hasher.
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        state = seed ^ hash
    }

    /// Seeded by `seed` and a number (e.g. a virtual user's), one stream per number.
    public init(seed: UInt64, stream: Int) {
        state = seed ^ (UInt64(truncatingIfNeeded: stream) &* 0x9e37_79b9_7f4a_7c15)
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Uniform in (0, 1): never exactly 0 or 1.
    public mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) * 0x1p-53 }
}
