import Foundation

/// What the page's script needs to draw one chart with Chart.js: the data and its meaning, no styling beyond the
/// colours. The kinds:
/// - `percentile`: HdrHistogram percentile plot — x is the percentile on a log scale of 1/(1−p), y the latency.
/// - `xy`: lines over a linear x (seconds of the run, load levels).
/// - `bars`: horizontal bars per category: lengths (`values`, stacked when `stacked`) or ranges (`ranges`,
///   overlaid: a waterfall).
/// - `forest`: per category an estimate with its interval (`ranges` and `values`), against a reference line.
struct ChartSpec: Encodable, Sendable {
    enum Kind: String, Encodable, Sendable { case percentile, xy, bars, forest }

    var kind: Kind
    var series: [ChartSeries] = []
    /// Bars and forest rows, top to bottom.
    var categories: [String]?
    var lines: [ReferenceLine] = []
    /// The values' unit on the value axis: `ms`, `%`, `×`, `/s`, or a count (nil).
    var unit: String?
    var xTitle: String?
    var yTitle: String?
    var stacked: Bool?
    /// A log scale on x (forest plots of ratios, doubling load levels).
    var logX: Bool?
    /// The x axis's ticks, when they are the data's own values (load levels).
    var xTicks: [Double]?
    /// Draw lines as steps (a count that holds until the next point).
    var stepped: Bool?
    /// The right end of a percentile plot's x axis (1/(1−p) of its highest percentile).
    var xMax: Double?
    /// The top of the y axis, when a reference line must stay in view.
    var yMax: Double?

    init(kind: Kind) { self.kind = kind }
}

/// One line, set of bars or set of markers.
struct ChartSeries: Encodable, Sendable {
    var label: String
    var color: String
    /// `[x, y]` pairs (percentile and xy charts).
    var points: [[Double]]?
    /// One value per category (bars, forest estimates).
    var values: [Double]?
    /// One `[from, to]` per category (waterfall bars, forest intervals).
    var ranges: [[Double]]?
    /// One colour per category, overriding `color` (forest rows coloured by verdict).
    var colors: [String]?
    var dashed: Bool?
    /// Fill down to the series just before it (a p50–p99 band), in the series' colour, translucent.
    var fillToPrevious: Bool?
    /// Thin (a band's edges) rather than a main line.
    var thin: Bool?
    /// Drawn as markers only (a threshold's limit at its percentile).
    var marker: Bool?

    init(label: String, color: String) {
        self.label = label
        self.color = color
    }
}

/// A horizontal (`y`) or vertical (`x`) line across the plot with a label: the spinner limit, a threshold, a ramp's
/// end, the moment of an abort. With `to`, a shaded band from `value` to `to`.
struct ReferenceLine: Encodable, Sendable {
    var axis: String
    var value: Double
    var to: Double?
    var label: String
    var color: String
    var dashed: Bool

    static func y(_ value: Double, _ label: String, color: String, dashed: Bool = true) -> ReferenceLine {
        ReferenceLine(axis: "y", value: value, to: nil, label: label, color: color, dashed: dashed)
    }

    static func x(_ value: Double, _ label: String, color: String, dashed: Bool = true) -> ReferenceLine {
        ReferenceLine(axis: "x", value: value, to: nil, label: label, color: color, dashed: dashed)
    }
}

/// The charts of one page: each gets an id and a canvas; the specs travel together as one JSON block.
struct ChartBook {
    private(set) var specs: [String: ChartSpec] = [:]
    private var count = 0

    /// A figure holding the chart's canvas: its caption (visible without script), a fixed-height plot area, and a
    /// note under it. The canvas's own content says where the figures are when the script does not run.
    mutating func figure(_ spec: ChartSpec, caption: String, note: String? = nil, height: Int = 260) -> String {
        count += 1
        let id = "chart-\(count)"
        specs[id] = spec
        var html = "<figure class=\"chart\"><figcaption>\(HTMLText.escape(caption))</figcaption>"
        html +=
            "<div class=\"plot\" style=\"height:\(height)px\"><canvas id=\"\(id)\" data-chart=\"\(id)\" role=\"img\""
        html += " aria-label=\"\(HTMLText.escape(caption))\">The chart needs JavaScript; the table holds its figures."
        html += "</canvas></div>"
        if let note { html += "<p class=\"note\">\(HTMLText.escape(note))</p>" }
        return html + "</figure>"
    }

    /// The specs as the page embeds them.
    var json: String { HTMLText.scriptJSON(specs) }
}

extension Double {
    /// Rounded to `digits` significant digits: charts need no more, and pages stay light.
    func significant(_ digits: Int) -> Double {
        guard self != 0, isFinite else { return self }
        let shift = Double(digits) - (Foundation.log10(Swift.abs(self))).rounded(.up)
        // Multiply or divide by an exact power of ten, so the result prints as the short decimal it is.
        if shift >= 0 {
            let scale = Foundation.pow(10, shift)
            return (self * scale).rounded() / scale
        }
        let scale = Foundation.pow(10, -shift)
        return (self / scale).rounded() * scale
    }
}
