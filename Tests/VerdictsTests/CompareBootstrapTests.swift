import Foundation
import Metrics
import RunFixtures
import Testing

@testable import Verdicts

/// The percentile bootstrap: the same distribution as resampling sample by sample, deterministic, and fast on
/// runs of a million requests.
@Suite struct CompareBootstrapTests {
    /// A histogram with these µs values, each recorded once.
    static func histogram(_ micros: [Int]) -> LatencyHistogram {
        var h = LatencyHistogram()
        for m in micros { h.record(micros: m) }
        return h
    }

    @Test func rankMatchesHdrHistogramPercentiles() {
        let h = Self.histogram(CompareFixture.spread(50, 137))
        let boot = PercentileBootstrap(h)
        var sorted: [Int] = []
        for item in h.histogram.recordedValues() {
            sorted += Array(repeating: Int(item.value), count: Int(item.count))
        }
        for p in [50.0, 95, 99, 99.9] {
            let expected = min(max(sorted[boot.rank(ofPercentile: p) - 1], h.minMicros), h.maxMicros)
            #expect(expected == h.micros(atPercentile: p), "p\(p)")
        }
    }

    /// The Beta-order-statistic draws match naive resampling (draw n values, take the k-th smallest): the two
    /// distributions of the replicate differ by less than 0.05 in total variation.
    @Test func replicatesMatchNaiveResampling() {
        let values = CompareFixture.spread(40, 60) + [120_000, 150_000, 400_000]
        let h = Self.histogram(values)
        let boot = PercentileBootstrap(h)
        var rng = SplitMix64(seed: 7)
        let draws = 20_000
        let fast = boot.replicates(ofPercentile: 95, count: draws, using: &rng)
        var naive: [Double] = []
        let k = boot.rank(ofPercentile: 95)
        for _ in 0..<draws {
            let sample = (0..<h.count).map { _ in boot.quantile(rng.uniform()) }.sorted()
            naive.append(sample[k - 1])
        }
        func shares(_ xs: [Double]) -> [Double: Double] {
            xs.reduce(into: [:]) { $0[$1, default: 0] += 1 / Double(xs.count) }
        }
        let a = shares(fast)
        let b = shares(naive)
        let distance = Set(a.keys).union(b.keys).reduce(0.0) { $0 + abs((a[$1] ?? 0) - (b[$1] ?? 0)) } / 2
        #expect(distance < 0.05, "total variation \(distance)")
    }

    @Test func theSameRunsAndSeedGiveTheSameReport() throws {
        let a = CompareFixture.login(CompareFixture.ok(CompareFixture.spread(20, 300)))
        let b = CompareFixture.login(CompareFixture.ok(CompareFixture.spread(23, 300)))
        let first = CompareFixture.compare(a, b)
        let second = CompareFixture.compare(a, b)
        #expect(first == second)
        let reseeded = RunComparison.compare(baseline: a, candidate: b, minEffect: 0.05, seed: 99)
        #expect(reseeded.series[0].latency[0].interval != first.series[0].latency[0].interval)
        #expect(reseeded.series[0].latency.map(\.verdict) == first.series[0].latency.map(\.verdict))
    }

    @Test func theJSONDocumentRoundTrips() throws {
        let a = CompareFixture.login(CompareFixture.ok(CompareFixture.spread(20, 300)))
        let report = CompareFixture.compare(a, a)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try encoder.encode(report)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        #expect(try decoder.decode(ComparisonReport.self, from: data) == report)
        let text = String(decoding: data, as: UTF8.self)
        let keys = [
            "\"schema\":\"rehearsal.comparison\"", "\"min_effect\":0.05", "\"verdict\":\"no_significant_change\"",
            "\"only_in_baseline\":[]", "\"difference_interval_ms\"",
        ]
        for key in keys {
            #expect(text.contains(key), "\(key)")
        }
    }

    /// Four series of a million requests each: the bootstrap does not look at requests one by one.
    @Test func aMillionSampleRunComparesWellUnderASecond() throws {
        func big(_ ms: Double) throws -> StepSeries {
            let values = CompareFixture.spread(ms, 2_000).sorted()
            let json = #"{"unit":"us","digits":3,"values":\#(values),"counts":\#(Array(repeating: 500, count: 2_000))}"#
            var s = StepSeries()
            s.total = try JSONDecoder().decode(LatencyHistogram.self, from: Data(json.utf8))
            s.requests = s.total.count
            return s
        }
        let steps = ["a", "b", "c", "d"].map {
            SeriesCatalog.StepKey(flow: "f", step: $0, group: nil, role: "r", method: "GET")
        }
        let catalog = SeriesCatalog(steps: steps)
        var base = MetricsStore(catalog: catalog)
        var cand = MetricsStore(catalog: catalog)
        for i in 0..<4 {
            base.steps[i] = try big(50)
            cand.steps[i] = try big(55)
        }
        #expect(base.steps[0].requests == 1_000_000)
        let info = CompareFixture.login([]).info
        let clock = ContinuousClock()
        var report: ComparisonReport?
        let elapsed = clock.measure {
            report = RunComparison.compare(
                baseline: SavedRun(info: info, catalog: catalog, store: base),
                candidate: SavedRun(info: info, catalog: catalog, store: cand), minEffect: 0.05, seed: 1)
        }
        // A guard against work that grows with the request count (that would take minutes), not a speed claim: wide
        // enough for a debug build on a loaded 2-core machine.
        #expect(elapsed < .seconds(10), "\(elapsed)")
        #expect(report?.series.allSatisfy { $0.latency.allSatisfy { $0.verdict == .regression } } == true)
    }
}
