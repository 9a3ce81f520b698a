import Foundation
import Metrics

/// The change of one latency percentile, with its bootstrap interval and verdict.
enum LatencyComparison {
    /// - Parameter bootstrap: both sides' bootstraps; nil when a side has too few samples.
    static func change(
        _ metric: String, percentile: Double, _ b: LatencyHistogram, _ c: LatencyHistogram,
        bootstrap: (PercentileBootstrap, PercentileBootstrap)?, method: ComparisonMethod, streamName: String
    ) -> MetricChange {
        let base = Double(b.micros(atPercentile: percentile))
        let cand = Double(c.micros(atPercentile: percentile))
        var result = MetricChange(
            metric: metric, unit: .milliseconds, baseline: base / 1000, candidate: cand / 1000,
            change: roundedFigure(relativeChange(cand, base) * 100), interval: nil, differenceIntervalMs: nil,
            verdict: .tooFewSamples)
        guard let (bb, cb) = bootstrap else { return result }
        var rngB = SplitMix64(seed: method.seed, name: "\(streamName)|\(metric)|baseline")
        var rngC = SplitMix64(seed: method.seed, name: "\(streamName)|\(metric)|candidate")
        let bs = bb.replicates(ofPercentile: percentile, count: method.resamples, using: &rngB)
        let cs = cb.replicates(ofPercentile: percentile, count: method.resamples, using: &rngC)
        let relative = zip(cs, bs).map { relativeChange($0, $1) * 100 }
        let difference = zip(cs, bs).map { ($0 - $1) / 1000 }
        let interval = bounds(relative, confidencePercent: method.confidencePercent)
        let effect = method.minEffect * 100
        result.interval = ChangeInterval(low: roundedFigure(interval.low), high: roundedFigure(interval.high))
        let diff = bounds(difference, confidencePercent: method.confidencePercent)
        result.differenceIntervalMs = ChangeInterval(
            low: roundedFigure(diff.low, 3), high: roundedFigure(diff.high, 3))
        result.verdict =
            interval.low > effect
            ? .regression
            : interval.high < -effect
                ? .improvement
                : .noSignificantChange
        return result
    }

    /// `candidate / baseline − 1`; a zero baseline counts as 1 µs so the change stays finite.
    static func relativeChange(_ candidate: Double, _ baseline: Double) -> Double {
        candidate / max(baseline, 1) - 1
    }

    /// The percentile interval of bootstrap replicates: the central `confidencePercent` of them.
    static func bounds(_ replicates: [Double], confidencePercent: Double) -> ChangeInterval {
        let sorted = replicates.sorted()
        let tail = Int(Double(sorted.count) * (100 - confidencePercent) / 200)
        return ChangeInterval(low: sorted[tail], high: sorted[sorted.count - 1 - tail])
    }
}

/// The difference of two rates (error or timeout), with Newcombe's interval and a verdict.
enum RateComparison {
    /// - Parameters: counts `(events, total)` of each side.
    static func change(
        _ metric: String, baseline: (Int, Int), candidate: (Int, Int), method: ComparisonMethod
    ) -> MetricChange {
        let p1 = share(baseline)
        let p2 = share(candidate)
        var result = MetricChange(
            metric: metric, unit: .percent, baseline: roundedFigure(p1 * 100), candidate: roundedFigure(p2 * 100),
            change: roundedFigure((p2 - p1) * 100), interval: nil, differenceIntervalMs: nil, verdict: .tooFewSamples)
        guard baseline.1 >= method.minSamples, candidate.1 >= method.minSamples else { return result }
        let z = normalQuantile(confidencePercent: method.confidencePercent)
        let i = newcombe(baseline, candidate, z: z)
        result.interval = ChangeInterval(low: roundedFigure(i.low * 100), high: roundedFigure(i.high * 100))
        result.verdict = i.low > 0 ? .regression : i.high < 0 ? .improvement : .noSignificantChange
        return result
    }

    static func share(_ c: (Int, Int)) -> Double { c.1 > 0 ? Double(c.0) / Double(c.1) : 0 }

    /// Newcombe's hybrid score interval (method 10, 1998) of p₂ − p₁ from two Wilson intervals; sound at zero
    /// events.
    static func newcombe(_ a: (Int, Int), _ b: (Int, Int), z: Double) -> ChangeInterval {
        let p1 = share(a)
        let p2 = share(b)
        let w1 = wilson(a, z: z)
        let w2 = wilson(b, z: z)
        let d = p2 - p1
        let below = ((p2 - w2.low) * (p2 - w2.low) + (w1.high - p1) * (w1.high - p1)).squareRoot()
        let above = ((w2.high - p2) * (w2.high - p2) + (p1 - w1.low) * (p1 - w1.low)).squareRoot()
        return ChangeInterval(low: d - below, high: d + above)
    }

    /// The Wilson score interval of a proportion.
    static func wilson(_ c: (Int, Int), z: Double) -> ChangeInterval {
        let n = Double(c.1)
        let p = share(c)
        let z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        return ChangeInterval(low: max(0, centre - half), high: min(1, centre + half))
    }

    /// The two-sided normal quantile for the usual confidence levels (95% → 1.96).
    static func normalQuantile(confidencePercent: Double) -> Double {
        switch confidencePercent {
        case 99: 2.575829
        case 90: 1.644854
        default: 1.959964
        }
    }
}

/// Rounds for the report (and its JSON) so printed and encoded figures agree.
func roundedFigure(_ value: Double, _ digits: Int = 2) -> Double {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    return (value * scale).rounded() / scale
}
