import Foundation
import Metrics

/// Bootstrap draws of a histogram's percentile, without expanding the histogram into its samples.
///
/// A bootstrap resample is `n` draws with replacement from the run's `n` recorded values; its percentile (as
/// HdrHistogram defines it) is the resample's `k`-th smallest value, `k = ⌈p·n/100⌉`. The `k`-th smallest of
/// `n` draws from a distribution F is F⁻¹(U₍ₖ₎), where U₍ₖ₎, the `k`-th smallest of `n` uniform draws, follows
/// Beta(k, n + 1 − k). So each resample's percentile is exactly one Beta draw mapped through the histogram's
/// cumulative counts (a binary search): the work per resample does not depend on how many requests were recorded.
struct PercentileBootstrap {
    /// The histogram's distinct values (µs, clamped to the recorded min and max as percentiles are) ascending.
    private let values: [Double]
    /// Running totals of the counts, aligned with `values`.
    private let cumulative: [Double]
    let total: Int

    init(_ histogram: LatencyHistogram) {
        var values: [Double] = []
        var cumulative: [Double] = []
        var running = 0.0
        let low = Double(histogram.minMicros)
        let high = Double(histogram.maxMicros)
        for item in histogram.histogram.recordedValues() where item.count > 0 {
            running += Double(item.count)
            values.append(min(max(Double(item.value), low), high))
            cumulative.append(running)
        }
        self.values = values
        self.cumulative = cumulative
        total = histogram.count
    }

    /// The rank HdrHistogram's `valueAtPercentile` reads for `percentile` (0–100).
    func rank(ofPercentile percentile: Double) -> Int {
        let exact = (percentile.nextDown * Double(total) / 100).rounded(.up)
        return min(max(1, Int(exact)), total)
    }

    /// The smallest value whose cumulative share reaches `u` (0 < u < 1): F⁻¹(u).
    func quantile(_ u: Double) -> Double {
        let target = u * Double(total)
        var lo = 0
        var hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] >= target { hi = mid } else { lo = mid + 1 }
        }
        return values[lo]
    }

    /// `count` bootstrap replicates of the percentile, in µs.
    func replicates(ofPercentile percentile: Double, count: Int, using rng: inout SplitMix64) -> [Double] {
        guard total > 0 else { return Array(repeating: 0, count: count) }
        let k = Double(rank(ofPercentile: percentile))
        let rest = Double(total) + 1 - k
        var out: [Double] = []
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(quantile(rng.beta(k, rest))) }
        return out
    }
}

extension SplitMix64 {
    /// Standard normal (Box–Muller; one of the pair is used).
    mutating func normal() -> Double {
        let r = (-2 * log(uniform())).squareRoot()
        return r * cos(2 * Double.pi * uniform())
    }

    /// Gamma(shape, 1) for shape ≥ 1 (Marsaglia & Tsang 2000).
    mutating func gamma(_ shape: Double) -> Double {
        let d = shape - 1.0 / 3
        let c = 1 / (9 * d).squareRoot()
        while true {
            let x = normal()
            var v = 1 + c * x
            guard v > 0 else { continue }
            v = v * v * v
            let u = uniform()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }

    /// Beta(a, b) for a, b ≥ 1, as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b).
    mutating func beta(_ a: Double, _ b: Double) -> Double {
        let x = gamma(a)
        let y = gamma(b)
        return x / (x + y)
    }
}
