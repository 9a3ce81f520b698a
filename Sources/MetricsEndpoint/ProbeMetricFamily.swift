/// The metric families of a probe: name parts, help text and type. All gauges but `runs`.
///
/// - `rehearsal_probe_success{profile,flow,role}` 1 unless the flow × role failed
/// - `rehearsal_probe_verdict{profile,flow,role,verdict}` 1 for the current verdict, 0 for the other two
/// - `rehearsal_probe_duration_seconds{profile,flow,role}`
/// - `rehearsal_probe_step_duration_seconds{profile,flow,role,step,phase}` (phase: total, dns, connect, tls, ttfb,
///   transfer; only the phases that happened)
/// - `rehearsal_probe_group_duration_seconds{profile,flow,role,group}`
/// - `rehearsal_probe_failed_requests{profile,flow,role}`, `rehearsal_probe_check_failures{profile,flow,role}`
/// - `rehearsal_probe_last_run_timestamp_seconds{profile}`, `rehearsal_probe_last_run_duration_seconds{profile}`
/// - `rehearsal_probe_runs_total{profile,verdict}` (counter; all three verdicts present from the first probe on)
public enum ProbeMetricFamily: CaseIterable, Hashable, Sendable {
    case success, verdict, duration, stepDuration, groupDuration, failedRequests, checkFailures
    case lastRunTimestamp, lastRunDuration, runs

    /// Whether the family counts probes (it only goes up) rather than describing the last one.
    public var isCounter: Bool { self == .runs }

    /// `rehearsal_probe_<metric>_<unit>`: the metric and unit parts, and the help text.
    var parts: (metric: String, unit: String, help: String) {
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
