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
    /// Per scenario: what its executor did and its latency two ways (from schedule, service time).
    public var scenarios: [ScenarioReport]
    /// Per role, the slowest iterations and a few ordinary ones, request by request (absent in older runs).
    public var waterfalls: [WaterfallReport]?
    /// Each role against the fastest (or a named base) per step and group, when two or more roles ran (set by
    /// `Verdicts`' `RoleDiff`, which judges with intervals; `SavedRun.fullSummary`).
    public var roleDiff: RoleDiffReport?
    /// Steps a role never sent although it sent others: each iteration ended before them, mostly because an
    /// earlier request failed. `nil` in summaries written before it existed.
    public var neverReached: [SeriesCatalog.StepKey]?

    public struct Totals: Sendable, Equatable, Codable {
        public var requests: Int
        public var rate: Double
        public var failed: Int
        public var timeouts: Int
        public var errors: [String: Int]
        public var iterationsCompleted: Int
        public var iterationsFailed: Int
        public var requestsInterrupted: Int
        /// Open-model iterations that were due while every VU was busy (never sent).
        public var droppedIterations: Int
        public var latency: Percentiles
    }

    public struct StepReport: Sendable, Equatable, Codable {
        public var scenario: String
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
        /// From when the user issued the request (open model: from its iteration's scheduled start).
        public var latency: Percentiles
        /// From when the request was handed to libcurl: what a closed-loop tool calls latency.
        public var serviceTime: Percentiles
        /// Per phase (`dns`, `connect`, `tls`, `ttfb`, `transfer`); connect and TLS over fresh connections only.
        public var phases: [String: Percentiles]
        public var freshConnections: Int
        public var reusedConnections: Int
        public var overSpinner: Int
        /// Decoded response body bytes, and the same bodies' bytes on the wire (smaller when compressed).
        public var bytes: Int
        public var wireBytes: Int?
        public var messages: [String: Int]
        /// The server's own timings (`Server-Timing`), ms by metric name; metrics past 16 names are counted.
        public var serverTiming: [String: Percentiles]?
        public var serverTimingDropped: Int?
        /// The slowest requests and a few random ones, with their trace IDs.
        public var exemplars: ExemplarsReport?
        /// Timeouts by the phase that was running when they fired (`dns`, `connect`, `tls`, `first_byte`, `body`);
        /// absent without timeouts.
        public var timeoutPhases: [String: Int]? = nil
        /// Responses per HTTP version (`1.1`, `2`…); absent in runs saved before it was recorded.
        public var httpVersions: [String: Int]? = nil
        /// Redirects followed (`follow_redirects:`); absent when none.
        public var redirects: Int? = nil
        /// This wait's spinner limit when it is not the run's (`spinner:` on the step or its role), ms.
        public var spinnerMs: Int? = nil
    }

    public struct GroupReport: Sendable, Equatable, Codable {
        public var scenario: String
        public var flow: String
        public var group: String
        public var role: String
        public var count: Int
        public var failed: Int
        public var overSpinner: Int
        public var time: Percentiles
        /// This wait's spinner limit when it is not the run's (`spinner:` on the group or its role), ms.
        public var spinnerMs: Int? = nil
    }

    public struct ScenarioReport: Sendable, Equatable, Codable {
        public var name: String
        public var executor: String
        /// Iterations start on a schedule; `latency` then counts from it (coordinated omission corrected).
        public var openModel: Bool
        public var iterationsStarted: Int
        public var droppedIterations: Int
        /// Open model: how late iterations started after their scheduled time.
        public var scheduleLag: Percentiles?
        public var requests: Int
        /// Every request of the scenario, from when it was due (open model) or issued (closed model).
        public var latency: Percentiles
        /// Every request of the scenario, from when it was sent.
        public var serviceTime: Percentiles
    }

    public init(info: RunInfo, catalog: SeriesCatalog, store: MetricsStore) {
        run = info
        let seconds = max(info.durationSeconds, 0.001)
        totals = Totals(
            requests: store.requests, rate: Self.rate(store.requests, seconds), failed: store.failed,
            timeouts: store.errors(.timeout), errors: Self.errorCounts { store.errors($0) },
            iterationsCompleted: store.iterationsCompleted, iterationsFailed: store.iterationsFailed,
            requestsInterrupted: store.requestsInterrupted, droppedIterations: store.droppedIterations,
            latency: Percentiles(store.allRequests))
        steps = zip(catalog.steps, store.steps).filter { $0.1.requests > 0 }.map { key, s in
            StepReport(
                scenario: key.scenario, flow: key.flow, step: key.step, group: key.group, role: key.role,
                method: key.method,
                requests: s.requests, rate: Self.rate(s.requests, seconds), failed: s.failed,
                errors: Self.errorCounts { s.errors($0) }, latency: Percentiles(s.total),
                serviceTime: Percentiles(s.service),
                phases: Dictionary(
                    uniqueKeysWithValues: Phase.allCases.map { ($0.rawValue, Percentiles(s.phases[$0.index])) }),
                freshConnections: s.freshConnections, reusedConnections: s.reusedConnections,
                overSpinner: s.overSpinner, bytes: s.bytes, wireBytes: s.wireBytes, messages: s.messages,
                serverTiming: s.serverTiming.report,
                serverTimingDropped: s.serverTiming.dropped > 0 ? s.serverTiming.dropped : nil,
                exemplars: ExemplarsReport(s.exemplars), timeoutPhases: Self.timeoutPhases(s),
                httpVersions: Self.httpVersions(s), redirects: s.redirects > 0 ? s.redirects : nil,
                spinnerMs: key.spinnerMs)
        }
        let ran = Set(
            zip(catalog.steps, store.steps).filter { $0.1.requests > 0 }.map { "\($0.0.scenario)\n\($0.0.role)" })
        neverReached = zip(catalog.steps, store.steps).filter { key, s in
            s.requests == 0 && ran.contains("\(key.scenario)\n\(key.role)")
        }.map(\.0)
        groups = zip(catalog.groups, store.groups).filter { $0.1.count > 0 }.map { key, g in
            GroupReport(
                scenario: key.scenario, flow: key.flow, group: key.group, role: key.role, count: g.count,
                failed: g.failed,
                overSpinner: g.overSpinner, time: Percentiles(g.time), spinnerMs: key.spinnerMs)
        }
        scenarios = catalog.scenarios.enumerated().map { index, name in
            let planned = info.scenarios?.first { $0.name == name }
            let series = index < store.scenarios.count ? store.scenarios[index] : ScenarioSeries()
            var latency = LatencyHistogram()
            var service = LatencyHistogram()
            var requests = 0
            for (key, s) in zip(catalog.steps, store.steps) where key.scenario == name {
                latency.add(s.total)
                service.add(s.service)
                requests += s.requests
            }
            let open = planned?.openModel ?? false
            return ScenarioReport(
                name: name, executor: planned?.executor ?? "", openModel: open, iterationsStarted: series.started,
                droppedIterations: series.dropped, scheduleLag: open ? Percentiles(series.scheduleLag) : nil,
                requests: requests, latency: Percentiles(latency), serviceTime: Percentiles(service))
        }
        waterfalls = WaterfallReport.all(store.iterations, roles: info.roles, catalog: catalog)
    }

    static func timeoutPhases(_ s: StepSeries) -> [String: Int]? {
        let counts = TimeoutPhase.allCases.filter { s.timeoutPhases[$0.index] > 0 }.map {
            ($0.rawValue, s.timeoutPhases[$0.index])
        }
        return counts.isEmpty ? nil : Dictionary(uniqueKeysWithValues: counts)
    }

    static func httpVersions(_ s: StepSeries) -> [String: Int]? {
        let counts = zip(StepSeries.httpVersionNames, s.httpVersions).filter { $0.1 > 0 }
        return counts.isEmpty ? nil : Dictionary(uniqueKeysWithValues: counts.map { ($0.0, $0.1) })
    }

    static func rate(_ n: Int, _ seconds: Double) -> Double { (Double(n) / seconds * 100).rounded() / 100 }

    static func errorCounts(_ count: (ErrorClass) -> Int) -> [String: Int] {
        var out: [String: Int] = [:]
        for c in ErrorClass.allCases where count(c) > 0 { out[c.rawValue] = count(c) }
        return out
    }
}
