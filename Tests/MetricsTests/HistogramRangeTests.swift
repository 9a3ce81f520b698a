import Metrics
import Testing

/// Histograms never grow through the library's slow path: an interval starts as wide as the last one, a value past
/// the range widens it by re-adding, and adding a wider histogram into a narrower one keeps every count.
@Suite("Histogram ranges")
struct HistogramRangeTests {
    @Test func anEmptiedHistogramKeepsItsRangeAndNothingElse() {
        var h = LatencyHistogram()
        for v in spreadMicros { h.record(micros: v) }
        let empty = h.emptied()
        #expect(empty.count == 0)
        #expect(empty.sum == 0)
        #expect(empty.histogram.highestTrackableValue >= h.histogram.highestTrackableValue)
        #expect(empty == LatencyHistogram(), "equal to a fresh one: the range is storage, not content")
    }

    @Test func valuesPastTheRangeWidenItLosingNothing() {
        var h = LatencyHistogram()
        var reference: [Int] = []
        for v in spreadMicros {
            h.record(micros: v)
            reference.append(v)
            #expect(h.histogram.highestTrackableValue >= UInt64(v))
        }
        #expect(h.count == reference.count)
        #expect(h.sum == UInt64(reference.reduce(0, +)))
        #expect(within3Digits(h.micros(atPercentile: 50), reference.sorted()[reference.count / 2 - 1]))
        #expect(h.maxMicros >= 300_000_000)
    }

    @Test func addingAWiderHistogramIntoANarrowerOneKeepsEveryCount() {
        var narrow = LatencyHistogram()
        for v in [5, 50, 500] { narrow.record(micros: v) }
        var wide = LatencyHistogram()
        for v in [5_000, 5_000_000] { wide.record(micros: v) }
        var merged = narrow
        merged.add(wide)
        var expected = LatencyHistogram()
        for v in [5, 50, 500, 5_000, 5_000_000] { expected.record(micros: v) }
        #expect(merged == expected)
        #expect(merged.sum == expected.sum)
        var intoEmpty = LatencyHistogram()
        intoEmpty.add(wide)
        #expect(intoEmpty == wide)
        #expect(intoEmpty.sum == wide.sum)
    }

    @Test func aStoreEmptiesToTheSameShape() {
        var store = MetricsStore(
            catalog: SeriesCatalog(steps: [.init(flow: "f", step: "s", group: nil, role: "r", method: "GET")]))
        store.steps[0].record(RequestSample(totalMicros: 123_456))
        store.wakeLag.record(micros: 2_000_000)
        let empty = store.emptied()
        #expect(empty.requests == 0)
        #expect(empty.wakeLag.count == 0)
        #expect(empty.steps[0].total.histogram.highestTrackableValue >= 123_456)
        #expect(
            empty
                == MetricsStore(
                    catalog: SeriesCatalog(steps: [.init(flow: "f", step: "s", group: nil, role: "r", method: "GET")])))
    }
}

extension HistogramRangeTests {
    @Test func theLargestValueWidensWithoutOverflow() {
        var h = LatencyHistogram()
        h.record(micros: 5)
        h.record(micros: Int.max / 2)
        h.record(micros: Int.max)
        #expect(h.count == 3)
        #expect(h.maxMicros >= Int.max / 2)
    }
}
