/// The names behind series indices: built once from the profile, shared read-only by every worker.
public struct SeriesCatalog: Sendable, Equatable, Codable {
    public struct StepKey: Sendable, Equatable, Codable, Hashable {
        /// The scenario (`default` when the profile has no `scenarios:`).
        public var scenario: String = defaultScenario
        public var flow: String
        public var step: String
        /// The parallel group the step belongs to, if any.
        public var group: String?
        public var role: String
        public var method: String
        /// The spinner limit of this wait (ms) when it is not the run's (`spinner:` on the step or the role).
        public var spinnerMs: Int?

        public init(
            scenario: String = defaultScenario, flow: String, step: String, group: String?, role: String,
            method: String,
            spinnerMs: Int? = nil
        ) {
            self.spinnerMs = spinnerMs
            self.scenario = scenario
            self.flow = flow
            self.step = step
            self.group = group
            self.role = role
            self.method = method
        }
    }

    public struct GroupKey: Sendable, Equatable, Codable, Hashable {
        public var scenario: String = defaultScenario
        public var flow: String
        public var group: String
        public var role: String
        /// The spinner limit of this wait (ms) when it is not the run's (`spinner:` on the group or the role).
        public var spinnerMs: Int?

        public init(
            scenario: String = defaultScenario, flow: String, group: String, role: String, spinnerMs: Int? = nil
        ) {
            self.spinnerMs = spinnerMs
            self.scenario = scenario
            self.flow = flow
            self.group = group
            self.role = role
        }
    }

    public var steps: [StepKey] = []
    public var groups: [GroupKey] = []
    /// Scenario names, indexing `MetricsStore.scenarios`.
    public var scenarios: [String] = [defaultScenario]

    /// The scenario of a profile without `scenarios:` (runs saved before scenarios existed read as it).
    public static let defaultScenario = "default"

    public init(steps: [StepKey] = [], groups: [GroupKey] = [], scenarios: [String] = [defaultScenario]) {
        self.steps = steps
        self.groups = groups
        self.scenarios = scenarios
    }

    /// Whether the run had scenarios of its own (reports then name them).
    public var hasNamedScenarios: Bool { scenarios != [Self.defaultScenario] }

    private enum CodingKeys: String, CodingKey { case steps, groups, scenarios }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        steps = try c.decode([StepKey].self, forKey: .steps)
        groups = try c.decode([GroupKey].self, forKey: .groups)
        scenarios = try c.decodeIfPresent([String].self, forKey: .scenarios) ?? [Self.defaultScenario]
    }
}

extension SeriesCatalog.StepKey {
    private enum CodingKeys: String, CodingKey { case scenario, flow, step, group, role, method, spinnerMs }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            scenario: try c.decodeIfPresent(String.self, forKey: .scenario) ?? SeriesCatalog.defaultScenario,
            flow: try c.decode(String.self, forKey: .flow), step: try c.decode(String.self, forKey: .step),
            group: try c.decodeIfPresent(String.self, forKey: .group), role: try c.decode(String.self, forKey: .role),
            method: try c.decode(String.self, forKey: .method),
            spinnerMs: try c.decodeIfPresent(Int.self, forKey: .spinnerMs))
    }
}

extension SeriesCatalog.GroupKey {
    private enum CodingKeys: String, CodingKey { case scenario, flow, group, role, spinnerMs }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            scenario: try c.decodeIfPresent(String.self, forKey: .scenario) ?? SeriesCatalog.defaultScenario,
            flow: try c.decode(String.self, forKey: .flow), group: try c.decode(String.self, forKey: .group),
            role: try c.decode(String.self, forKey: .role),
            spinnerMs: try c.decodeIfPresent(Int.self, forKey: .spinnerMs))
    }
}

/// All series of one worker for one interval, or of the whole run once merged. Indexed like the catalog.
public struct MetricsStore: Sendable, Equatable, Codable {
    public var steps: [StepSeries]
    public var groups: [GroupSeries]
    /// What each scenario's executor did (started, dropped, schedule lag), indexed like `catalog.scenarios`.
    public var scenarios: [ScenarioSeries]
    public var iterationsCompleted = 0
    /// Iterations ended early by a failed request.
    public var iterationsFailed = 0
    /// Requests cut off still waiting when the run stopped; each is also counted as a `cut_off` failure and recorded
    /// at the time it had waited.
    public var requestsInterrupted = 0
    /// Requests whose send `target.max_rate` delayed (the cap held the run back), and how long each waited.
    public var throttledRequests = 0
    public var throttleWait = LatencyHistogram()
    /// The first failed requests in full, when the run keeps evidence (`rehearse probe`).
    public var evidence: [FailureEvidence] = []
    /// Waterfalls: per role the slowest iterations and a few ordinary ones, request by request.
    public var iterations = IterationTraces()
    /// How late users woke after their think times, µs (the engine's own lag in a closed model).
    public var wakeLag = LatencyHistogram()
    public static let maxEvidence = 20

    // Evidence is written to its own file (`evidence.json`), not with the histograms.
    private enum CodingKeys: String, CodingKey {
        case steps, groups, scenarios, iterationsCompleted, iterationsFailed, requestsInterrupted, throttledRequests
        case iterations, throttleWait, wakeLag
    }

    public init(catalog: SeriesCatalog) {
        steps = Array(repeating: StepSeries(), count: catalog.steps.count)
        groups = Array(repeating: GroupSeries(), count: catalog.groups.count)
        scenarios = Array(repeating: ScenarioSeries(), count: catalog.scenarios.count)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        steps = try c.decode([StepSeries].self, forKey: .steps)
        groups = try c.decode([GroupSeries].self, forKey: .groups)
        scenarios = try c.decodeIfPresent([ScenarioSeries].self, forKey: .scenarios) ?? [ScenarioSeries()]
        iterationsCompleted = try c.decode(Int.self, forKey: .iterationsCompleted)
        iterationsFailed = try c.decode(Int.self, forKey: .iterationsFailed)
        requestsInterrupted = try c.decode(Int.self, forKey: .requestsInterrupted)
        throttledRequests = try c.decodeIfPresent(Int.self, forKey: .throttledRequests) ?? 0
        throttleWait = try c.decodeIfPresent(LatencyHistogram.self, forKey: .throttleWait) ?? LatencyHistogram()
        iterations = try c.decodeIfPresent(IterationTraces.self, forKey: .iterations) ?? IterationTraces()
        wakeLag = try c.decodeIfPresent(LatencyHistogram.self, forKey: .wakeLag) ?? LatencyHistogram()
    }

    public mutating func add(_ o: MetricsStore) {
        for i in steps.indices where i < o.steps.count { steps[i].add(o.steps[i]) }
        for i in groups.indices where i < o.groups.count { groups[i].add(o.groups[i]) }
        for i in scenarios.indices where i < o.scenarios.count { scenarios[i].add(o.scenarios[i]) }
        iterationsCompleted += o.iterationsCompleted
        iterationsFailed += o.iterationsFailed
        requestsInterrupted += o.requestsInterrupted
        throttledRequests += o.throttledRequests
        throttleWait.add(o.throttleWait)
        evidence += o.evidence.prefix(max(0, Self.maxEvidence - evidence.count))
        iterations.add(o.iterations)
        wakeLag.add(o.wakeLag)
    }

    /// An empty store whose histograms are as wide as this one's: the next interval records without resizing.
    public func emptied() -> MetricsStore {
        var empty = MetricsStore(
            steps: steps.map { $0.emptied() }, groups: groups.map { $0.emptied() },
            scenarios: scenarios.map { ScenarioSeries(scheduleLag: $0.scheduleLag.emptied()) })
        empty.wakeLag = wakeLag.emptied()
        return empty
    }

    private init(steps: [StepSeries], groups: [GroupSeries], scenarios: [ScenarioSeries]) {
        self.steps = steps
        self.groups = groups
        self.scenarios = scenarios
    }

    public var requests: Int { steps.reduce(0) { $0 + $1.requests } }
    public var droppedIterations: Int { scenarios.reduce(0) { $0 + $1.dropped } }
    public var failed: Int { steps.reduce(0) { $0 + $1.failed } }
    public func errors(_ c: ErrorClass) -> Int { steps.reduce(0) { $0 + $1.errors(c) } }

    /// Every request's user-experienced time, all series together.
    public var allRequests: LatencyHistogram {
        steps.reduce(into: LatencyHistogram()) { $0.add($1.total) }  // `add` takes the first one's storage as it is
    }
}

extension MetricsStore {
    /// Rewrites every stored failure message (e.g. to hide secrets before results are written).
    public mutating func redactMessages(with transform: (String) -> String) {
        for i in steps.indices where !steps[i].messages.isEmpty {
            var clean: [String: Int] = [:]
            for (m, n) in steps[i].messages { clean[transform(m), default: 0] += n }
            steps[i].messages = clean
        }
    }
}
