import Metrics

/// A deterministic run to render: flow `dashboard` with a lone `login` step and a parallel group `home`
/// (`me`, `tasks`), for roles admin and user; spinner limit 2s; 20 seconds; stopped by Ctrl-C.
///
/// What was recorded (all values in µs):
/// - login/admin: 8 × 12ms, 2 × 25ms
/// - login/user:  7 × 40ms, 2 × 2.5s (over spinner), 1 timeout at 4s (over spinner, no response)
/// - home › me/admin: 10 × 5ms;     home › tasks/admin: 10 × 80ms
/// - home › me/user:  10 × 6ms;     home › tasks/user:  9 × 1.9s, 1 × HTTP 500 at 3.1s
/// - group home/admin: 10 × 85ms
/// - group home/user:  6 × 1.95s, 4 × 3.2s (over spinner), 1 of them failed
/// - 2 requests cut off in flight; 9 iterations completed, 2 failed.
public enum ReportFixture {
    public static let roles = ["admin", "user"]

    public static let catalog = SeriesCatalog(
        steps: [
            .init(flow: "dashboard", step: "login", group: nil, role: "admin", method: "POST"),
            .init(flow: "dashboard", step: "login", group: nil, role: "user", method: "POST"),
            .init(flow: "dashboard", step: "me", group: "home", role: "admin", method: "GET"),
            .init(flow: "dashboard", step: "me", group: "home", role: "user", method: "GET"),
            .init(flow: "dashboard", step: "tasks", group: "home", role: "admin", method: "GET"),
            .init(flow: "dashboard", step: "tasks", group: "home", role: "user", method: "GET"),
        ],
        groups: [
            .init(flow: "dashboard", group: "home", role: "admin"),
            .init(flow: "dashboard", group: "home", role: "user"),
        ])

    public static func info(stopReason: String = "interrupted", spinnerMs: Int = 2_000) -> RunInfo {
        RunInfo(
            profile: "golden", startedAt: "2026-03-04T05:06:07Z", endedAt: "2026-03-04T05:06:27Z",
            durationSeconds: 20, stopReason: stopReason, baseURL: "http://127.0.0.1:9999", vus: 4,
            plannedDurationSeconds: 30, plannedIterations: nil, rampUpSeconds: 0, workers: 2,
            requestTimeoutMs: 4_000, connectTimeoutMs: 1_000, spinnerMs: spinnerMs, roles: roles,
            rehearsalVersion: "0.0.0-test", libcurlVersion: "8.0.0", timeline: [])
    }

    public static func ok(_ micros: Int, times n: Int, overSpinner: Bool = false) -> [RequestSample] {
        Array(
            repeating: RequestSample(
                totalMicros: micros, phaseMicros: (0, 0, 0, micros / 2, micros / 4), bytes: 100,
                overSpinner: overSpinner), count: n)
    }

    public static func store() -> MetricsStore {
        var s = MetricsStore(catalog: catalog)
        func record(_ i: Int, _ samples: [RequestSample]) { for sample in samples { s.steps[i].record(sample) } }
        record(0, ok(12_000, times: 8) + ok(25_000, times: 2))
        record(1, ok(40_000, times: 7) + ok(2_500_000, times: 2, overSpinner: true))
        s.steps[1].record(
            RequestSample(
                totalMicros: 4_000_000, responded: false, error: .timeout, message: "timeout: no response within 4s",
                overSpinner: true))
        record(2, ok(5_000, times: 10))
        record(3, ok(6_000, times: 10))
        record(4, ok(80_000, times: 10))
        record(5, ok(1_900_000, times: 9))
        s.steps[5].record(
            RequestSample(
                totalMicros: 3_100_000, phaseMicros: (0, 0, 0, 3_000_000, 100), error: .http5xx, message: "HTTP 500"))
        for _ in 0..<10 { s.groups[0].record(micros: 85_000, overSpinner: false, failed: false) }
        for _ in 0..<6 { s.groups[1].record(micros: 1_950_000, overSpinner: false, failed: false) }
        for i in 0..<4 { s.groups[1].record(micros: 3_200_000, overSpinner: true, failed: i == 0) }
        s.iterationsCompleted = 9
        s.iterationsFailed = 2
        s.requestsInterrupted = 2
        return s
    }

    public static func summary(stopReason: String = "interrupted") -> RunSummary {
        RunSummary(info: info(stopReason: stopReason), catalog: catalog, store: store())
    }

    /// The same run with nobody over the spinner limit and nothing failed (only the admin series).
    public static func calmSummary() -> RunSummary {
        var s = MetricsStore(catalog: catalog)
        for sample in ok(12_000, times: 5) { s.steps[0].record(sample) }
        for sample in ok(5_000, times: 5) { s.steps[2].record(sample) }
        for sample in ok(9_000, times: 5) { s.steps[4].record(sample) }
        for _ in 0..<5 { s.groups[0].record(micros: 15_000, overSpinner: false, failed: false) }
        s.iterationsCompleted = 5
        return RunSummary(info: info(stopReason: "completed"), catalog: catalog, store: s)
    }

    /// A calm run: login/admin 5 × 12ms, home › me/admin 5 × 5ms, group home/admin 5 × 15ms; completed unless
    /// told otherwise (an aborted run, a generator that was the bottleneck).
    public static func calmRun(
        stopReason: String = "completed", abortReason: String? = nil, generator: GeneratorHealth? = nil
    ) -> SavedRun {
        var s = MetricsStore(catalog: catalog)
        for sample in ok(12_000, times: 5) { s.steps[0].record(sample) }
        for sample in ok(5_000, times: 5) { s.steps[2].record(sample) }
        for _ in 0..<5 { s.groups[0].record(micros: 15_000, overSpinner: false, failed: false) }
        var info = info(stopReason: stopReason)
        info.abortReason = abortReason
        info.generator = generator
        return SavedRun(info: info, catalog: catalog, store: s)
    }

    /// An engine thread 97% busy over 20 s: the generator was the bottleneck.
    public static let boundGenerator = GeneratorHealth.judge(
        busiestWorkerCPU: 0.97, processCPU: 1.1, lag: nil, dropped: 0, runSeconds: 20)

    /// The run of `summary()` as saved: its info, catalog and histograms.
    public static func savedRun(stopReason: String = "interrupted") -> SavedRun {
        SavedRun(info: info(stopReason: stopReason), catalog: catalog, store: store())
    }
}
