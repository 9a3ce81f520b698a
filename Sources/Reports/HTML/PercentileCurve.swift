import Foundation
import Metrics

/// A histogram as an HdrHistogram percentile plot draws it: points `[x, ms]` where x = 1/(1−p) (50% is 2, 99% is
/// 100, 99.9% is 1,000), spaced evenly on that log scale up to the highest percentile the sample can show
/// (1 − 1/count), then the maximum. The y values are the histogram's own (3 significant digits).
enum PercentileCurve {
    /// Points per decade of 1/(1−p): smooth enough to read the tail, light enough for many plots per page.
    static let perDecade = 10

    static func points(_ h: LatencyHistogram) -> [[Double]] {
        guard h.count > 0 else { return [] }
        let top = xMax(count: h.count)
        let steps = Int((log10(top) * Double(perDecade)).rounded(.up))
        var out: [[Double]] = []
        for i in 0...max(steps, 1) {
            let x = min(pow(10, Double(i) / Double(perDecade)), top)
            let p = 100 * (1 - 1 / x)
            let ms = Double(h.micros(atPercentile: p)) / 1000
            out.append([x.significant(4), ms.significant(4)])
            if x >= top { break }
        }
        // The last point is the maximum itself, at the sample's last percentile.
        out[out.count - 1] = [top.significant(4), (Double(h.maxMicros) / 1000).significant(4)]
        return out
    }

    /// 1/(1−p) of the highest percentile `count` samples can show: the last of n samples is at 1 − 1/n.
    static func xMax(count: Int) -> Double { max(Double(count), 2) }

    /// x of a percentile (0–100).
    static func x(percentile p: Double) -> Double { 1 / (1 - min(p, 99.9999) / 100) }
}
