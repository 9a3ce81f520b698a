import Histogram

/// An HdrHistogram of microseconds (3 significant digits, auto-resizing), with a compact, lossless-to-bucket
/// serialized form: the recorded values and their counts, nothing for empty buckets.
public struct LatencyHistogram: Sendable, Equatable {
    public private(set) var histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
    /// The exact sum of every recorded value, so the mean is exact and costs nothing; nil when unknown (a histogram
    /// saved before sums were kept, or merged with one).
    public private(set) var sum: UInt64? = 0

    public init() {}

    @inline(__always)
    public mutating func record(micros: Int) {
        let value = UInt64(max(micros, 0))
        if value > histogram.highestTrackableValue { widen(to: value) }
        _ = histogram.record(value)
        sum = sum.map { $0 &+ value }
    }

    /// Makes room for `value` at least doubling the range, by adding the counts into a wider histogram: the
    /// library's own auto-resize appends through unspecialized generic code, element by element.
    @inline(never)
    mutating func widen(to value: UInt64) {
        let current = histogram.highestTrackableValue
        var wider = Histogram<UInt64>(
            lowestDiscernibleValue: 1, highestTrackableValue: max(value, current <= .max / 4 ? current * 2 : current),
            numberOfSignificantValueDigits: .three)
        wider.autoResize = true
        wider.add(histogram)
        histogram = wider
    }

    public mutating func add(_ other: LatencyHistogram) {
        guard other.count > 0 else { return }
        // hdrhistogram-swift grows its counts through unspecialized generic code, one element at a time (about
        // 100k instructions per bucket of 1,024): so an empty histogram takes the other's storage as it is, and a
        // narrower one is added into a copy of the wider one. Neither ever resizes.
        if count == 0 {
            self = other
            return
        }
        let mergedSum = sum.flatMap { mine in other.sum.map { mine &+ $0 } }
        if other.histogram.highestTrackableValue > histogram.highestTrackableValue {
            var wider = other.histogram
            wider.add(histogram)
            histogram = wider
        } else {
            histogram.add(other.histogram)
        }
        sum = mergedSum
    }

    /// An empty histogram whose range is already as wide as this one's, so recording the same spread of values
    /// again never resizes (an interval's fresh histograms would otherwise grow bucket by bucket every second).
    public func emptied() -> LatencyHistogram {
        var empty = LatencyHistogram()
        guard histogram.highestTrackableValue > empty.histogram.highestTrackableValue else { return empty }
        empty.histogram = Histogram(
            lowestDiscernibleValue: 1, highestTrackableValue: histogram.highestTrackableValue,
            numberOfSignificantValueDigits: .three)
        empty.histogram.autoResize = true
        return empty
    }

    public var count: Int { Int(histogram.totalCount) }

    /// The value at a percentile (0–100), in microseconds; 0 when empty.
    public func micros(atPercentile p: Double) -> Int {
        count == 0 ? 0 : Int(histogram.valueAtPercentile(p))
    }

    /// The largest value recorded, exactly (not its bucket's upper edge).
    public var maxMicros: Int { count == 0 ? 0 : Int(histogram.maxRecorded) }
    public var minMicros: Int { count == 0 ? 0 : Int(histogram.min) }
    public var meanMicros: Double {
        guard count > 0 else { return 0 }
        if let sum { return Double(sum) / Double(count) }
        return histogram.mean
    }
}

extension LatencyHistogram: Codable {
    private enum CodingKeys: String, CodingKey { case unit, digits, values, counts, min, max, sum }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        var values: [UInt64] = []
        var counts: [UInt64] = []
        for item in histogram.recordedValues() {
            values.append(item.value)
            counts.append(UInt64(item.count))
        }
        try c.encode("us", forKey: .unit)
        try c.encode(3, forKey: .digits)
        try c.encode(values, forKey: .values)
        try c.encode(counts, forKey: .counts)
        if count > 0 {
            try c.encode(histogram.min, forKey: .min)
            try c.encode(histogram.maxRecorded, forKey: .max)
            try c.encodeIfPresent(sum, forKey: .sum)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let values = try c.decode([UInt64].self, forKey: .values)
        let counts = try c.decode([UInt64].self, forKey: .counts)
        guard values.count == counts.count else {
            throw DecodingError.dataCorruptedError(forKey: .counts, in: c, debugDescription: "values/counts differ")
        }
        self.init()
        let min = try c.decodeIfPresent(UInt64.self, forKey: .min)
        let max = try c.decodeIfPresent(UInt64.self, forKey: .max)
        for (value, n) in zip(values, counts) where n > 0 { restore(value, count: n, min: min, max: max) }
        sum = count == 0 ? 0 : try c.decodeIfPresent(UInt64.self, forKey: .sum)
    }

    /// Re-records one bucket. Buckets store a range, so the exact extremes are put back where they fell.
    private mutating func restore(_ value: UInt64, count n: UInt64, min: UInt64?, max: UInt64?) {
        if Swift.max(value, max ?? 0) > histogram.highestTrackableValue { widen(to: Swift.max(value, max ?? 0)) }
        var left = n
        if let min, histogram.valuesAreEquivalent(value, min) {
            _ = histogram.record(min)
            left -= 1
        }
        guard left > 0 else { return }
        if let max, histogram.valuesAreEquivalent(value, max) {
            _ = histogram.record(max, count: left)
        } else {
            _ = histogram.record(value, count: left)
        }
    }
}
