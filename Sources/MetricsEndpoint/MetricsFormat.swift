/// The exposition formats `/metrics` serves, chosen from the scraper's `Accept` header.
public enum MetricsFormat: Sendable, Equatable {
    /// The Prometheus text format 0.0.4: what a scraper gets unless it asks for OpenMetrics.
    case prometheus
    /// OpenMetrics 1.0.0: counters named without `_total`, exemplars, `# EOF`.
    case openMetrics

    public var contentType: String {
        switch self {
        case .prometheus: "text/plain; version=0.0.4; charset=utf-8"
        case .openMetrics: "application/openmetrics-text; version=1.0.0; charset=utf-8"
        }
    }

    /// The format an `Accept` header prefers (Prometheus sends `application/openmetrics-text;version=1.0.0,…,
    /// text/plain;version=0.0.4;q=0.5,*/*;q=0.1`): OpenMetrics when it ranks at least as high as the text format;
    /// the text format without a header.
    public static func negotiate(accept: String?) -> MetricsFormat {
        guard let accept else { return .prometheus }
        var openMetrics = 0.0
        var text = 0.0
        for range in accept.split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let type = parts.first else { continue }
            let q = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            switch type {
            case "application/openmetrics-text": openMetrics = max(openMetrics, q)
            case "text/plain", "*/*": text = max(text, q)
            default: break
            }
        }
        return openMetrics > 0 && openMetrics >= text ? .openMetrics : .prometheus
    }
}
