/// `summary.json`: the documented, versioned result of a run (see README "summary.json").
/// A pure function of the saved histograms and run info, so it can be rebuilt at any time.
public struct RunSummary: Sendable, Equatable, Codable {
    public static let schemaName = "rehearsal.summary"
    public static let schemaVersion = 1

    public var schema = RunSummary.schemaName
    public var version = RunSummary.schemaVersion
    public var run: RunInfo
    public var totals: Totals
    public var steps: [StepReport]
    public var groups: [GroupReport]

    public struct Totals: Sendable, Equatable, Codable {
        public var requests: Int
        public var rate: Double
        public var failed: Int
        public var timeouts: Int
        public var errors: [String: Int]
        public var iterationsCompleted: Int
        public var iterationsFailed: Int
        public var requestsInterrupted: Int
        public var latency: Percentiles
    }

    public struct StepReport: Sendable, Equatable, Codable {
        public var flow: String
        public var step: String
        public var group: String?
        public var role: String
        public var method: String
        public var requests: Int
        public var rate: Double
        public var failed: Int
        /// Non-zero error counts by class.
        public var errors: [String: Int]
        public var latency: Percentiles
        /// Per phase (`dns`, `connect`, `tls`, `ttfb`, `transfer`); connect and TLS over fresh connections only.
        public var phases: [String: Percentiles]
        public var freshConnections: Int
        public var reusedConnections: Int
        public var overSpinner: Int
        public var bytes: Int
        public var messages: [String: Int]
    }

    public struct GroupReport: Sendable, Equatable, Codable {
        public var flow: String
        public var group: String
        public var role: String
        public var count: Int
        public var failed: Int
        public var overSpinner: Int
        public var time: Percentiles
    }

    public init(info: RunInfo, catalog: SeriesCatalog, store: MetricsStore) {
        run = info
        let seconds = max(info.durationSeconds, 0.001)
        totals = Totals(
            requests: store.requests, rate: Self.rate(store.requests, seconds), failed: store.failed,
            timeouts: store.errors(.timeout), errors: Self.errorCounts { store.errors($0) },
            iterationsCompleted: store.iterationsCompleted, iterationsFailed: store.iterationsFailed,
            requestsInterrupted: store.requestsInterrupted, latency: Percentiles(store.allRequests))
        steps = zip(catalog.steps, store.steps).filter { $0.1.requests > 0 }.map { key, s in
            StepReport(
                flow: key.flow, step: key.step, group: key.group, role: key.role, method: key.method,
                requests: s.requests, rate: Self.rate(s.requests, seconds), failed: s.failed,
                errors: Self.errorCounts { s.errors($0) }, latency: Percentiles(s.total),
                phases: Dictionary(uniqueKeysWithValues: Phase.allCases.map { ($0.rawValue, Percentiles(s.phases[$0.index])) }),
                freshConnections: s.freshConnections, reusedConnections: s.reusedConnections,
                overSpinner: s.overSpinner, bytes: s.bytes, messages: s.messages)
        }
        groups = zip(catalog.groups, store.groups).filter { $0.1.count > 0 }.map { key, g in
            GroupReport(
                flow: key.flow, group: key.group, role: key.role, count: g.count, failed: g.failed,
                overSpinner: g.overSpinner, time: Percentiles(g.time))
        }
    }

    static func rate(_ n: Int, _ seconds: Double) -> Double { (Double(n) / seconds * 100).rounded() / 100 }

    static func errorCounts(_ count: (ErrorClass) -> Int) -> [String: Int] {
        var out: [String: Int] = [:]
        for c in ErrorClass.allCases where count(c) > 0 { out[c.rawValue] = count(c) }
        return out
    }
}
