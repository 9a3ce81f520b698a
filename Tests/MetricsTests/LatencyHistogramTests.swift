import Foundation
import Metrics
import Testing

/// Values from a microsecond to several minutes: the range a load test really sees.
let spreadMicros: [Int] = [
    0, 1, 7, 42, 999, 1_000, 1_234, 9_876, 15_500, 87_654, 250_000, 999_999, 1_000_000, 3_210_987,
    29_999_999, 60_000_000, 123_456_789, 300_000_000,
]

/// Whether `actual` is `expected` within HdrHistogram's 3-significant-digit resolution (≤ 1/1024 relative
/// error, i.e. comfortably within 0.1%, plus one unit for the lowest buckets).
func within3Digits(_ actual: Int, _ expected: Int) -> Bool {
    abs(actual - expected) <= expected / 1000 + 1
}

@Suite("LatencyHistogram")
struct LatencyHistogramTests {
    @Test func emptyHistogramReportsZeros() {
        let h = LatencyHistogram()
        #expect(h.count == 0)
        #expect(h.micros(atPercentile: 50) == 0)
        #expect(h.micros(atPercentile: 99.9) == 0)
        #expect(h.maxMicros == 0)
        #expect(h.minMicros == 0)
        #expect(h.meanMicros == 0)
    }

    @Test func recordsEveryValueOnceAndCountsThem() {
        var h = LatencyHistogram()
        for v in spreadMicros { h.record(micros: v) }
        #expect(h.count == spreadMicros.count)
        #expect(within3Digits(h.maxMicros, 300_000_000))
        #expect(
            h.maxMicros >= 300_000_000, "max is the bucket's highest equivalent value, never below what was recorded")
        #expect(h.minMicros == 0)
    }

    @Test func negativeValuesAreRecordedAsZero() {
        var h = LatencyHistogram()
        h.record(micros: -5)
        #expect(h.count == 1)
        #expect(h.maxMicros == 0)
        #expect(h.micros(atPercentile: 100) == 0)
    }

    @Test func percentilesAreWithinThreeSignificantDigits() {
        var h = LatencyHistogram()
        for v in 1...10_000 { h.record(micros: v) }
        #expect(h.count == 10_000)
        for (p, expected) in [
            (50.0, 5_000), (90.0, 9_000), (95.0, 9_500), (99.0, 9_900), (99.9, 9_990), (100.0, 10_000),
        ] {
            let got = h.micros(atPercentile: p)
            #expect(within3Digits(got, expected), "p\(p): \(got) vs \(expected)")
        }
        #expect(within3Digits(h.maxMicros, 10_000))
        #expect(h.minMicros == 1)
        #expect(abs(h.meanMicros - 5_000.5) < 5_000.5 * 0.001)
    }

    @Test func percentilesOfMinutesLongValuesKeepPrecision() {
        var h = LatencyHistogram()
        // 99 quick requests and one that took two minutes.
        for _ in 0..<99 { h.record(micros: 850) }
        h.record(micros: 120_000_000)
        #expect(within3Digits(h.micros(atPercentile: 50), 850))
        #expect(within3Digits(h.micros(atPercentile: 99), 850))
        #expect(within3Digits(h.micros(atPercentile: 99.9), 120_000_000))
        #expect(within3Digits(h.maxMicros, 120_000_000))
    }

    @Test func codableRoundTripKeepsCountPercentilesAndMaxExactly() throws {
        var h = LatencyHistogram()
        for (i, v) in spreadMicros.enumerated() {
            for _ in 0...(i % 4) { h.record(micros: v) }
        }
        let data = try JSONEncoder().encode(h)
        let back = try JSONDecoder().decode(LatencyHistogram.self, from: data)
        #expect(back.count == h.count)
        for p in [0.0, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100] {
            #expect(back.micros(atPercentile: p) == h.micros(atPercentile: p), "p\(p)")
        }
        #expect(back.maxMicros == h.maxMicros)
        #expect(back.minMicros == h.minMicros)
        #expect(back.meanMicros == h.meanMicros)
        #expect(back == h)
    }

    @Test func codableRoundTripKeepsExtremesThatFallInsideWideBuckets() throws {
        var h = LatencyHistogram()
        // Both extremes sit inside buckets hundreds of µs wide; several values share each extreme's bucket.
        for v in [61_000_123, 61_000_200, 61_000_300, 95_000_000, 187_654_321, 187_654_000, 187_600_000] {
            h.record(micros: v)
        }
        let back = try JSONDecoder().decode(LatencyHistogram.self, from: JSONEncoder().encode(h))
        #expect(back.count == h.count)
        #expect(back.minMicros == h.minMicros)
        #expect(back.maxMicros == h.maxMicros)
        #expect(back.meanMicros == h.meanMicros)
        for p in [0.0, 10, 50, 90, 99, 99.9, 100] {
            #expect(back.micros(atPercentile: p) == h.micros(atPercentile: p), "p\(p)")
        }
        // And a second trip changes nothing.
        let again = try JSONDecoder().decode(LatencyHistogram.self, from: JSONEncoder().encode(back))
        #expect(again == back)
        #expect(again.micros(atPercentile: 100) == h.micros(atPercentile: 100))
    }

    @Test func serializedFormIsValuesAndCountsInMicroseconds() throws {
        var h = LatencyHistogram()
        h.record(micros: 5)
        h.record(micros: 5)
        h.record(micros: 70)
        let object = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(h)) as? [String: Any])
        #expect(object["unit"] as? String == "us")
        #expect(object["digits"] as? Int == 3)
        #expect(object["values"] as? [Int] == [5, 70])
        #expect(object["counts"] as? [Int] == [2, 1])
    }

    @Test func emptyHistogramRoundTrips() throws {
        let back = try JSONDecoder().decode(LatencyHistogram.self, from: JSONEncoder().encode(LatencyHistogram()))
        #expect(back.count == 0)
        #expect(back == LatencyHistogram())
    }

    @Test func decodingRejectsValuesAndCountsOfDifferentLengths() {
        let json = Data(#"{"unit":"us","digits":3,"values":[1,2],"counts":[1]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(LatencyHistogram.self, from: json) }
    }

    @Test func addMergesLikeRecordingEverythingInOne() {
        var low = LatencyHistogram()
        var high = LatencyHistogram()
        var all = LatencyHistogram()
        for v in 1...5_000 {
            low.record(micros: v)
            all.record(micros: v)
        }
        for v in spreadMicros {
            high.record(micros: v)
            all.record(micros: v)
        }
        var merged = LatencyHistogram()
        merged.add(low)
        merged.add(high)  // grows the merged histogram to minutes
        #expect(merged.count == 5_000 + spreadMicros.count)
        #expect(merged == all)
        for p in [50.0, 90, 99, 99.9, 100] {
            #expect(merged.micros(atPercentile: p) == all.micros(atPercentile: p))
        }
        #expect(merged.maxMicros == all.maxMicros)

        // Small into large (the other direction) gives the same histogram.
        var other = high
        other.add(low)
        #expect(other == all)
    }

    @Test func addingAnEmptyHistogramChangesNothing() {
        var h = LatencyHistogram()
        h.record(micros: 1_500)
        let before = h
        h.add(LatencyHistogram())
        #expect(h == before)
        #expect(h.count == 1)
    }
}
