/// The figures a report shows for one histogram, in milliseconds.
public struct Percentiles: Sendable, Equatable, Codable {
    public var count: Int
    public var p50: Double
    public var p90: Double
    public var p95: Double
    public var p99: Double
    public var p999: Double
    public var max: Double
    public var mean: Double

    public init(_ h: LatencyHistogram) {
        count = h.count
        p50 = Self.ms(h.micros(atPercentile: 50))
        p90 = Self.ms(h.micros(atPercentile: 90))
        p95 = Self.ms(h.micros(atPercentile: 95))
        p99 = Self.ms(h.micros(atPercentile: 99))
        p999 = Self.ms(h.micros(atPercentile: 99.9))
        max = Self.ms(h.maxMicros)
        mean = (h.meanMicros).rounded() / 1000
    }

    /// Microseconds to milliseconds with µs precision.
    static func ms(_ micros: Int) -> Double { Double(micros) / 1000 }
}
