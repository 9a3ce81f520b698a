/// What a threshold measures over the matching requests (or, for latency with a `group:` filter and no `step:`,
/// the matching group waits).
public enum ThresholdMetric: String, Sendable, Equatable, Codable, CaseIterable {
    /// Latency percentiles, max and mean of the user-experienced time, ms.
    case p50, p90, p95, p99
    case p999 = "p99.9"
    case max, mean
    /// How many requests were sent.
    case requests
    /// Requests per second over the run's duration.
    case rate
    /// Failed requests (errors, timeouts, failed checks).
    case failed
    /// failed / requests.
    case errorRate = "error_rate"
    /// Requests that timed out.
    case timeouts
    /// timeouts / requests.
    case timeoutRate = "timeout_rate"
    /// The share of waits (lone requests and groups) that crossed the spinner limit.
    case spinnerRate = "spinner_rate"
    /// Requests that failed a check (or a capture).
    case checks
    /// Open-model iterations dropped because every VU was busy (filter: `scenario:` only).
    case droppedIterations = "dropped_iterations"

    /// The unit of a metric and so of the values it is compared with.
    public enum Kind: Sendable, Equatable {
        /// Milliseconds; written as a duration with a unit (`800ms`, `2s`).
        case latency
        /// A whole number (`0`, `100`).
        case count
        /// A fraction; written `1%` or `0.01`.
        case fraction
        /// Per second; written `10/s` or `10`.
        case perSecond
    }

    public var kind: Kind {
        switch self {
        case .p50, .p90, .p95, .p99, .p999, .max, .mean: .latency
        case .requests, .failed, .timeouts, .checks, .droppedIterations: .count
        case .errorRate, .timeoutRate, .spinnerRate: .fraction
        case .rate: .perSecond
        }
    }

    /// The percentile (0–100) for the percentile metrics, `nil` for the others.
    public var percentile: Double? {
        switch self {
        case .p50: 50
        case .p90: 90
        case .p95: 95
        case .p99: 99
        case .p999: 99.9
        default: nil
        }
    }
}
