import Synchronization
import Foundation
import Prometheus

/// The Prometheus metrics of `rehearse probe`: one registry for the life of the process, updated after each probe,
/// rendered in the Prometheus text format 0.0.4 for `--serve HOST:PORT` (`GET /metrics`) and `--textfile PATH`
/// (node_exporter's textfile collector).
///
/// Gauges describe the latest probe; `rehearsal_probe_runs_total` counts every probe of the process. A series that
/// the latest probe did not produce (a phase that did not happen this time, e.g. `connect` on a reused connection,
/// or a step, group, flow or role that is gone) is unregistered, so it disappears from the exposition instead of
/// keeping a stale value; Prometheus marks it stale at the next scrape.
///
/// Families (all gauges but the counter):
/// - `rehearsal_probe_success{profile,flow,role}` 1 unless the flow × role failed
/// - `rehearsal_probe_verdict{profile,flow,role,verdict}` 1 for the current verdict, 0 for the other two
/// - `rehearsal_probe_duration_seconds{profile,flow,role}`
/// - `rehearsal_probe_step_duration_seconds{profile,flow,role,step,phase}` (phase: total, dns, connect, tls, ttfb,
///   transfer; only the phases that happened)
/// - `rehearsal_probe_group_duration_seconds{profile,flow,role,group}`
/// - `rehearsal_probe_failed_requests{profile,flow,role}`, `rehearsal_probe_check_failures{profile,flow,role}`
/// - `rehearsal_probe_last_run_timestamp_seconds{profile}`, `rehearsal_probe_last_run_duration_seconds{profile}`
/// - `rehearsal_probe_runs_total{profile,verdict}` (counter; all three verdicts present from the first probe on)
///
/// Thread-safe: `update(with:)` and `exposition()` may be called from any thread; a scrape never sees half an
/// update.
public final class ProbeMetrics: Sendable {
    /// The registry the metrics live in (exposed so a caller may add its own collectors).
    public let registry: PrometheusCollectorRegistry
    private let state = Mutex(ProbeMetricsState())

    public init() {
        registry = PrometheusCollectorRegistry()
    }

    /// Sets the gauges from `result`, removes the series it did not produce, and counts the run.
    public func update(with result: ProbeResult) {
        let registry = self.registry
        state.withLock { state in
            var touched: [ProbeSeriesKey: Gauge] = [:]
            func set(_ family: ProbeMetricFamily, _ labels: [(String, String)], _ value: Double) {
                // A value that is not a number is treated as not measured (and Swift would print it as `nan`).
                guard value.isFinite else { return }
                let key = ProbeSeriesKey(family: family, labels: labels)
                let gauge =
                    touched[key] ?? state.live[key]
                    ?? registry.makeGauge(descriptor: family.descriptor, labels: labels)
                gauge.set(to: value)
                touched[key] = gauge
            }

            let profile = ("profile", result.profile)
            for flow in result.flows {
                let base = [profile, ("flow", flow.flow), ("role", flow.role)]
                set(.success, base, flow.verdict == .failed ? 0 : 1)
                for verdict in ProbeVerdict.allCases {
                    set(.verdict, base + [("verdict", verdict.rawValue)], verdict == flow.verdict ? 1 : 0)
                }
                set(.duration, base, flow.durationSeconds)
                set(.failedRequests, base, Double(flow.failedRequests))
                set(.checkFailures, base, Double(flow.checkFailures))
                for step in flow.steps {
                    for (phase, seconds) in step.seconds.sorted(by: { $0.key < $1.key }) {
                        set(.stepDuration, base + [("step", step.step), ("phase", phase)], seconds)
                    }
                }
                for group in flow.groups {
                    set(.groupDuration, base + [("group", group.group)], group.seconds)
                }
            }
            set(.lastRunTimestamp, [profile], result.startedAt)
            set(.lastRunDuration, [profile], result.durationSeconds)

            for (key, gauge) in state.live where touched[key] == nil {
                registry.unregisterGauge(gauge)
            }
            state.live = touched

            // Every verdict's counter exists from the first run on, so `increase()` sees the first failure.
            for verdict in ProbeVerdict.allCases {
                let counter = registry.makeCounter(
                    descriptor: ProbeMetricFamily.runs.descriptor, labels: [profile, ("verdict", verdict.rawValue)])
                if verdict == result.verdict { counter.increment() }
            }
        }
    }

    /// The metrics in the Prometheus text format 0.0.4 (serve it as `text/plain; version=0.0.4; charset=utf-8`),
    /// families sorted by name and series sorted within each family, so two expositions of the same state are equal.
    public func exposition() -> String {
        let registry = self.registry
        let text = state.withLock { _ in
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return String(decoding: buffer, as: UTF8.self)
        }
        return Self.sortedExposition(text)
    }

    /// Orders the families of an exposition by name and each family's samples by their text. The library emits them
    /// in hash order, which changes from process to process. Label values never span lines (a line feed in a value is
    /// escaped as `\n`), so a sample is one line.
    static func sortedExposition(_ text: String) -> String {
        struct Block {
            var name: String
            var header: [Substring] = []
            var samples: [Substring] = []
        }
        var blocks: [Block] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("# HELP ") || line.hasPrefix("# TYPE ") {
                let name = String(line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)[2])
                if blocks.last?.name != name || blocks.last?.samples.isEmpty == false {
                    blocks.append(Block(name: name))
                }
                blocks[blocks.count - 1].header.append(line)
            } else {
                if blocks.isEmpty { blocks.append(Block(name: "")) }
                blocks[blocks.count - 1].samples.append(line)
            }
        }
        // Stable sort by name; samples by their text (which starts with the same metric name, then the labels).
        let ordered = blocks.enumerated().sorted { ($0.element.name, $0.offset) < ($1.element.name, $1.offset) }
        var out = ""
        for (_, block) in ordered {
            for line in block.header { out += line + "\n" }
            for line in block.samples.sorted() { out += line + "\n" }
        }
        return out
    }
}

/// The metric families of `ProbeMetrics`: name parts and help text.
enum ProbeMetricFamily: CaseIterable, Hashable, Sendable {
    case success, verdict, duration, stepDuration, groupDuration, failedRequests, checkFailures
    case lastRunTimestamp, lastRunDuration, runs

    /// `rehearsal_probe_<metric>_<unit>`.
    var descriptor: MetricNameDescriptor {
        let (metric, unit, help) = parts
        return MetricNameDescriptor(
            namespace: "rehearsal", subsystem: "probe", metricName: metric, unitName: unit, helpText: help)
    }

    var name: String { descriptor.name }

    private var parts: (metric: String, unit: String, help: String) {
        switch self {
        case .success:
            ("success", "", "1 when the flow as the role did not fail in the last probe (healthy or degraded), else 0.")
        case .verdict:
            (
                "verdict", "",
                "Verdict of the flow as the role in the last probe: 1 for the current verdict, 0 for the other two."
            )
        case .duration:
            ("duration", "seconds", "Sum of the waits (steps and groups) of the flow as the role in the last probe.")
        case .stepDuration:
            (
                "step_duration", "seconds",
                "Time of one step in the last probe by phase (total, dns, connect, tls, ttfb, transfer); "
                    + "a phase that did not happen has no series."
            )
        case .groupDuration:
            ("group_duration", "seconds", "Time of one parallel group (what the user waited) in the last probe.")
        case .failedRequests:
            (
                "failed_requests", "",
                "Requests of the flow as the role that failed in the last probe (errors, timeouts, failed checks)."
            )
        case .checkFailures:
            ("check_failures", "", "Checks of the flow as the role that failed in the last probe.")
        case .lastRunTimestamp:
            ("last_run_timestamp", "seconds", "When the last probe started, in seconds since 1970 (UTC).")
        case .lastRunDuration:
            ("last_run_duration", "seconds", "How long the last probe took.")
        case .runs:
            ("runs", "total", "Probes run by this process, by overall verdict.")
        }
    }
}

/// One series: a family and its label pairs, in the order they are registered with.
struct ProbeSeriesKey: Hashable, Sendable {
    var family: ProbeMetricFamily
    var labels: [String]

    init(family: ProbeMetricFamily, labels: [(String, String)]) {
        self.family = family
        self.labels = labels.flatMap { [$0.0, $0.1] }
    }
}

struct ProbeMetricsState: Sendable {
    /// The gauges the last update set; the ones the next update does not set are unregistered.
    var live: [ProbeSeriesKey: Gauge] = [:]
}
