import Metrics
import Verdicts

/// Hand-built runs for `rehearse compare`: series are described as (flow, step, group, role) with their samples.
public enum CompareFixture {
    public struct Series {
        public var flow = "dashboard"
        public var step: String
        public var group: String?
        public var role: String
        public var samples: [RequestSample]

        public init(
            flow: String = "dashboard", step: String, group: String? = nil, role: String, samples: [RequestSample]
        ) {
            self.flow = flow
            self.step = step
            self.group = group
            self.role = role
            self.samples = samples
        }
    }

    public struct Wait {
        public var flow = "dashboard"
        public var group: String
        public var role: String
        public var micros: [Int]

        public init(flow: String = "dashboard", group: String, role: String, micros: [Int]) {
            self.flow = flow
            self.group = group
            self.role = role
            self.micros = micros
        }
    }

    /// `n` latencies spread evenly (and deterministically) over ±30% around `ms`, in µs.
    public static func spread(_ ms: Double, _ n: Int) -> [Int] {
        (0..<n).map { i in
            let fraction = (Double(i) * 0.618_033_988_75).truncatingRemainder(dividingBy: 1)
            return Int(ms * 1000 * (0.7 + 0.6 * fraction))
        }
    }

    public static func ok(_ micros: [Int]) -> [RequestSample] { micros.map { RequestSample(totalMicros: $0) } }

    public static func failed(_ n: Int, micros: Int, as error: ErrorClass) -> [RequestSample] {
        Array(repeating: RequestSample(totalMicros: micros, responded: error != .timeout, error: error), count: n)
    }

    public static func run(_ series: [Series], waits: [Wait] = [], profile: String = "compare") -> SavedRun {
        let catalog = SeriesCatalog(
            steps: series.map { .init(flow: $0.flow, step: $0.step, group: $0.group, role: $0.role, method: "GET") },
            groups: waits.map { .init(flow: $0.flow, group: $0.group, role: $0.role) })
        var store = MetricsStore(catalog: catalog)
        for (i, s) in series.enumerated() { for sample in s.samples { store.steps[i].record(sample) } }
        for (i, w) in waits.enumerated() {
            for micros in w.micros { store.groups[i].record(micros: micros, overSpinner: false, failed: false) }
        }
        let info = RunInfo(
            profile: profile, startedAt: "2026-03-04T05:06:07Z", endedAt: "2026-03-04T05:06:27Z", durationSeconds: 20,
            stopReason: "completed", baseURL: "http://127.0.0.1:9999", vus: 2, plannedDurationSeconds: nil,
            plannedIterations: 100, rampUpSeconds: 0, workers: 2, requestTimeoutMs: 4_000, connectTimeoutMs: 1_000,
            spinnerMs: 2_000, roles: ["admin", "user"], rehearsalVersion: "0.0.0-test", libcurlVersion: "8.0.0",
            timeline: [])
        return SavedRun(info: info, catalog: catalog, store: store)
    }

    /// One step, `login` as `user`, with these samples.
    public static func login(_ samples: [RequestSample]) -> SavedRun {
        run([Series(step: "login", role: "user", samples: samples)])
    }

    public static func compare(_ a: SavedRun, _ b: SavedRun, minEffect: Double = 0.05) -> ComparisonReport {
        RunComparison.compare(baseline: a, candidate: b, minEffect: minEffect, seed: RunComparison.defaultSeed)
    }
}
