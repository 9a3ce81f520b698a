import Metrics
import Scenario
import Verdicts

/// An HdrHistogram percentile plot: a curve per histogram (a role, or a baseline and a candidate), the spinner
/// limit and latency thresholds drawn where they fall. Lines far above the curves are named in a note instead of
/// flattening the curves to the floor.
struct PercentileChart {
    struct Curve {
        var label: String
        var color: String
        var histogram: LatencyHistogram
        var dashed = false
    }

    var curves: [Curve]
    /// Horizontal lines: the spinner limit, thresholds' limits.
    var lines: [ReferenceLine] = []
    /// Thresholds' limits at their percentile, `[x, ms]`, drawn as markers.
    var markers: [(label: String, color: String, point: [Double])] = []

    /// A line more than this many times above the highest curve is named, not drawn.
    static let reach = 3.0

    /// The chart and the note naming the lines left out (nil when all are drawn).
    func spec() -> (ChartSpec, note: String?) {
        var spec = ChartSpec(kind: .percentile)
        var top = 0.0
        var right = 2.0
        for curve in curves where curve.histogram.count > 0 {
            var s = ChartSeries(label: curve.label, color: curve.color)
            s.points = PercentileCurve.points(curve.histogram)
            s.dashed = curve.dashed ? true : nil
            top = max(top, Double(curve.histogram.maxMicros) / 1000)
            right = max(right, PercentileCurve.xMax(count: curve.histogram.count))
            spec.series.append(s)
        }
        let shown = lines.filter { $0.value <= max(top, 0.001) * Self.reach }
        let hidden = lines.filter { $0.value > max(top, 0.001) * Self.reach }
        for m in markers where m.point[1] <= max(top, 0.001) * Self.reach {
            var s = ChartSeries(label: m.label, color: m.color)
            s.points = [m.point]
            s.marker = true
            spec.series.append(s)
            right = max(right, m.point[0])
        }
        spec.lines = shown
        spec.xMax = right
        let highest = ([top] + shown.map(\.value)).max() ?? top
        spec.yMax = highest > top ? highest * 1.08 : nil
        spec.unit = "ms"
        spec.xTitle = "percentile (log scale of 1/(1−p))"
        spec.yTitle = "latency"
        let note = hidden.isEmpty ? nil : hidden.map(\.label).joined(separator: "; ") + ": above this chart's range"
        return (spec, note)
    }

    /// The latency-percentile thresholds that a chart of these series answers: `select` says whether a threshold's
    /// filters pick the chart's series. Each gives a marker at its percentile and a line at its limit.
    mutating func addThresholds(_ results: [ThresholdResult], palette: RolePalette, select: (Threshold) -> Bool) {
        for r in results where select(r.threshold) {
            guard let p = r.threshold.metric.percentile else { continue }
            let t = r.threshold
            let color = t.filter(.role).map(palette.color) ?? "#555555"
            let sign = r.passed ? "✓" : "✗"
            markers.append(("\(sign) \(t.text)", color, [PercentileCurve.x(percentile: p).significant(4), t.value]))
            lines.append(.y(t.value, "\(sign) \(t.text)", color: r.passed ? VerdictColor.neutral : VerdictColor.fail))
        }
    }

    /// The spinner limit as a line.
    mutating func addSpinner(_ ms: Double) {
        lines.append(.y(ms, "spinner \(Format.latency(ms))", color: VerdictColor.fail))
    }
}
