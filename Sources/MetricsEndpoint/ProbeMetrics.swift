import Prometheus
import Synchronization
import Verdicts

/// The Prometheus metrics of `rehearse probe`: one registry for the life of the process, updated after each probe
/// from its samples (`ProbeSamples`), rendered in the Prometheus text format 0.0.4 for `--serve HOST:PORT`
/// (`GET /metrics`) and `--textfile PATH` (node_exporter's textfile collector).
///
/// A gauge series that the latest probe did not produce (a phase that did not happen this time, e.g. `connect` on
/// a reused connection, or a step, group, flow or role that is gone) is unregistered, so it disappears from the
/// exposition instead of keeping a stale value; Prometheus marks it stale at the next scrape. The families are
/// listed at `ProbeMetricFamily`.
///
/// Thread-safe: `update(with:)` and `exposition()` may be called from any thread; a scrape never sees half an
/// update.
public final class ProbeMetrics: Sendable {
    /// The registry the metrics live in (exposed so a caller may add its own collectors).
    public let registry: PrometheusCollectorRegistry
    /// The gauges the last update set; the ones the next update does not set are unregistered.
    private let live = Mutex<[ProbeSeriesKey: Gauge]>([:])
    /// The last probe's exemplar (OpenMetrics only): its slowest request's trace on the run counter it increased.
    private let exemplar = Mutex<OpenMetricsText.Exemplar?>(nil)

    public init() {
        registry = PrometheusCollectorRegistry()
    }

    /// Sets the gauges from `result`, removes the series it did not produce, and counts the run.
    public func update(with result: ProbeResult) {
        let registry = self.registry
        let samples = ProbeSamples.samples(of: result)
        live.withLock { live in
            var touched: [ProbeSeriesKey: Gauge] = [:]
            for sample in samples {
                let labels = sample.labels.map { ($0.name, $0.value) }
                if sample.family.isCounter {
                    let counter = registry.makeCounter(descriptor: sample.family.descriptor, labels: labels)
                    if sample.value > 0 { counter.increment(by: Int64(sample.value)) }
                    continue
                }
                let key = ProbeSeriesKey(family: sample.family, labels: sample.labels)
                let gauge =
                    touched[key] ?? live[key]
                    ?? registry.makeGauge(descriptor: sample.family.descriptor, labels: labels)
                gauge.set(to: sample.value)
                touched[key] = gauge
            }
            for (key, gauge) in live where touched[key] == nil {
                registry.unregisterGauge(gauge)
            }
            live = touched
        }
        exemplar.withLock { $0 = Self.exemplar(of: result) }
    }

    /// `rehearsal_probe_runs_total{profile,verdict}` of the probe's verdict, with its slowest request's trace.
    static func exemplar(of result: ProbeResult) -> OpenMetricsText.Exemplar? {
        guard let trace = result.slowestTrace else { return nil }
        return OpenMetricsText.Exemplar(
            name: ProbeMetricFamily.runs.name,
            sampleLabels: [.init("profile", result.profile), .init("verdict", result.verdict.rawValue)],
            labels: [("trace_id", trace.traceID), ("span_id", trace.spanID)], value: 1, timestamp: result.startedAt)
    }

    /// The metrics in `format` (served as its `contentType`); see `exposition()`. OpenMetrics also carries the last
    /// probe's exemplar: the trace of its slowest request.
    public func exposition(_ format: MetricsFormat) -> String {
        switch format {
        case .prometheus: exposition()
        case .openMetrics:
            OpenMetricsText.convert(exposition(), exemplars: exemplar.withLock { $0 }.map { [$0] } ?? [])
        }
    }

    /// The metrics in the Prometheus text format 0.0.4 (serve it as `text/plain; version=0.0.4; charset=utf-8`),
    /// families sorted by name and series sorted within each family, so two expositions of the same state are equal.
    public func exposition() -> String {
        let registry = self.registry
        let text = live.withLock { _ in
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return String(decoding: buffer, as: UTF8.self)
        }
        return PrometheusText.sorted(text)
    }
}

/// One gauge series: a family and its labels, in the order they are registered with.
struct ProbeSeriesKey: Hashable, Sendable {
    var family: ProbeMetricFamily
    var labels: [ProbeSample.Label]
}

extension ProbeMetricFamily {
    /// `rehearsal_probe_<metric>_<unit>`, with its help text.
    var descriptor: MetricNameDescriptor {
        let (metric, unit, help) = parts
        return MetricNameDescriptor(
            namespace: "rehearsal", subsystem: "probe", metricName: metric, unitName: unit, helpText: help)
    }

    /// The family's name in the exposition, e.g. `rehearsal_probe_step_duration_seconds`.
    public var name: String { descriptor.name }
}
