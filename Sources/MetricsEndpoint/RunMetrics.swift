import Metrics
import Prometheus

/// The live metrics of `rehearse run --serve HOST:PORT`: what the run measured so far, updated once a second from
/// each interval's measurements, in the Prometheus text format. Every process of a split run serves its own; a
/// Prometheus scraping them all sees the whole test, e.g. p95 by role over every pod:
///
///     histogram_quantile(0.95, sum by (le, role) (rate(rehearsal_run_request_duration_seconds_bucket[1m])))
///
/// - `rehearsal_run_requests_total{scenario,flow,step,role}` (counter)
/// - `rehearsal_run_request_errors_total{scenario,flow,step,role,error}` (counter; error: timeout, connect, status…)
/// - `rehearsal_run_request_duration_seconds{scenario,flow,step,role}` (histogram of what users waited: from the
///   schedule in open models)
/// - `rehearsal_run_iterations_started_total{scenario}`, `rehearsal_run_dropped_iterations_total{scenario}`
/// - `rehearsal_run_active_vus` (gauge), `rehearsal_run_info{profile,segment,version}` (gauge, 1)
///
/// Thread-safe: `add` and `exposition` may be called from any thread.
public final class RunMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let catalog: SeriesCatalog
    private let activeVUs: Gauge

    /// Upper bounds of the latency buckets: from a fast API call to a request timeout.
    public static let buckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
        .seconds(30), .seconds(60),
    ]

    /// - Parameter segment: `2/8` for a segment of a split run, `1/1` for a whole run.
    public init(catalog: SeriesCatalog, profile: String, segment: String, version: String) {
        self.catalog = catalog
        activeVUs = registry.makeGauge(descriptor: Self.name("active_vus", "", "Virtual users in an iteration now."))
        registry.makeGauge(
            descriptor: Self.name("info", "", "1, labelled with the run's profile, segment and Rehearsal version."),
            labels: [("profile", profile), ("segment", segment), ("version", version)]
        ).set(to: 1)
    }

    /// Adds one interval's measurements.
    public func add(_ interval: MetricsStore) {
        for (key, series) in zip(catalog.steps, interval.steps) where series.requests > 0 {
            let labels = [("scenario", key.scenario), ("flow", key.flow), ("step", key.step), ("role", key.role)]
            registry.makeCounter(descriptor: Self.requests, labels: labels).increment(by: Int64(series.requests))
            for error in ErrorClass.allCases where series.errors(error) > 0 {
                registry.makeCounter(descriptor: Self.errors, labels: labels + [("error", error.rawValue)])
                    .increment(by: Int64(series.errors(error)))
            }
            let histogram = registry.makeDurationHistogram(
                descriptor: Self.duration, labels: labels, buckets: Self.buckets)
            // HdrHistogram buckets: each value stands for its samples, within 0.1%.
            for item in series.total.histogram.recordedValues() {
                for _ in 0..<item.count { histogram.record(.microseconds(Int64(item.value))) }
            }
        }
        for (name, series) in zip(catalog.scenarios, interval.scenarios) {
            registry.makeCounter(descriptor: Self.started, labels: [("scenario", name)])
                .increment(by: Int64(series.started))
            registry.makeCounter(descriptor: Self.dropped, labels: [("scenario", name)])
                .increment(by: Int64(series.dropped))
        }
    }

    public func setActiveVUs(_ count: Int) { activeVUs.set(to: Double(count)) }

    /// The metrics in the Prometheus text format 0.0.4, families and series sorted.
    public func exposition() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return PrometheusText.sorted(String(decoding: buffer, as: UTF8.self))
    }

    private static func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "rehearsal", subsystem: "run", metricName: metric, unitName: unit, helpText: help)
    }

    // Computed: the library's descriptor type is not Sendable, so it cannot be a static constant.
    static var requests: MetricNameDescriptor { name("requests", "total", "Requests sent, by step and role.") }
    static var errors: MetricNameDescriptor { name("request_errors", "total", "Failed requests by error class.") }
    static var duration: MetricNameDescriptor {
        name("request_duration", "seconds", "What users waited per request (open models: from the scheduled start).")
    }
    static var started: MetricNameDescriptor { name("iterations_started", "total", "Iterations started, by scenario.") }
    static var dropped: MetricNameDescriptor {
        name("dropped_iterations", "total", "Open-model iterations due while every VU was busy (never sent).")
    }
}
