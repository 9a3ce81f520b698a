/// The `Server-Timing` durations of one step × role: one histogram per metric name, in the order first seen. Bounded:
/// at most `maxNames` names; metrics of further names are counted as dropped.
public struct ServerTimingSeries: Sendable, Equatable, Codable {
    public private(set) var names: [String] = []
    public private(set) var histograms: [LatencyHistogram] = []
    /// Metrics not kept because `maxNames` names were already tracked.
    public private(set) var dropped = 0
    /// Responses that carried at least one metric with a duration.
    public private(set) var responses = 0

    public static let maxNames = 16

    public init() {}

    public var isEmpty: Bool { names.isEmpty && dropped == 0 }

    /// Records one response's metrics (those with a duration).
    public mutating func record(_ metrics: [ServerTimingMetric]) {
        var counted = false
        for metric in metrics {
            guard let ms = metric.milliseconds else { continue }
            if !counted {
                responses += 1
                counted = true
            }
            record(name: metric.name, micros: Int((ms * 1000).rounded()))
        }
    }

    private mutating func record(name: String, micros: Int) {
        if let index = names.firstIndex(of: name) {
            histograms[index].record(micros: micros)
        } else if names.count < Self.maxNames {
            names.append(name)
            var h = LatencyHistogram()
            h.record(micros: micros)
            histograms.append(h)
        } else {
            dropped += 1
        }
    }

    /// The histogram of `name`, if it was seen.
    public func histogram(_ name: String) -> LatencyHistogram? {
        names.firstIndex(of: name).map { histograms[$0] }
    }

    /// Adds another interval's or process's metrics, by name (losslessly for every name kept).
    public mutating func add(_ other: ServerTimingSeries) {
        responses += other.responses
        dropped += other.dropped
        for (name, h) in zip(other.names, other.histograms) {
            if let index = names.firstIndex(of: name) {
                histograms[index].add(h)
            } else if names.count < Self.maxNames {
                names.append(name)
                histograms.append(h)
            } else {
                dropped += h.count
            }
        }
    }
}
