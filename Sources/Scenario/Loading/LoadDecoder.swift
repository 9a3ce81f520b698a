/// Decodes `load:` (an executor with its settings, README "Load and executors") and `timeouts:`.
/// Every executor takes only its own keys, so a `rate` under `constant-vus` is an error, not a silent no-op.
enum LoadDecoder {
    static let commonKeys = ["executor", "graceful_stop", "start_time"]
    static let keysByExecutor: [Executor.Kind: [String]] = [
        .constantVUs: ["vus", "duration", "ramp_up"],
        .rampingVUs: ["start_vus", "stages"],
        .constantArrivalRate: ["rate", "duration", "max_vus", "pre_allocated_vus"],
        .rampingArrivalRate: ["start_rate", "stages", "max_vus", "pre_allocated_vus"],
        .perVUIterations: ["vus", "iterations", "max_duration"],
        .sharedIterations: ["vus", "iterations", "max_duration"],
    ]
    static let allLoadKeys =
        commonKeys + [
            "vus", "duration", "iterations", "ramp_up", "start_vus", "stages", "rate",
            "start_rate", "max_vus", "pre_allocated_vus", "max_duration",
        ]
    static let timeoutKeys = ["request", "connect", "spinner"]

    static func load(_ value: YAMLValue) throws(ScenarioError) -> LoadShape {
        let map = try value.mapping(allowed: allLoadKeys)
        let kind = try executorKind(map)
        try checkKeys(map, for: kind)
        let executor = try decode(kind, map)
        guard executor.maxVUs >= 1 else {
            throw value.error("the load never runs a virtual user", hint: "give at least one stage a target above 0")
        }
        let gracefulStop =
            try map["graceful_stop"].map { v throws(ScenarioError) in try atMost(InputLimits.maxWait, v) }
            ?? .seconds(10)
        let startTime =
            try map["start_time"].map { v throws(ScenarioError) in try atMost(InputLimits.maxLoadDuration, v) } ?? .zero
        return LoadShape(executor: executor, startTime: startTime, gracefulStop: gracefulStop)
    }

    /// The named executor, or the classic shape: `vus` with `duration` (constant-vus) or `iterations`
    /// (shared-iterations). Stages or a rate without an executor are ambiguous: an error says which to name.
    private static func executorKind(_ map: YAMLMap) throws(ScenarioError) -> Executor.Kind {
        if let value = map["executor"] {
            let name = try value.nonEmptyString()
            guard let kind = Executor.Kind(rawValue: name) else {
                let names = Executor.Kind.allCases.map(\.rawValue)
                throw value.error(
                    "unknown executor \"\(name)\"",
                    hint: Suggestions.didYouMean(name, in: names, format: { $0 }) ?? "executors: "
                        + names.joined(separator: ", "))
            }
            return kind
        }
        if map["stages"] != nil || map["rate"] != nil || map["start_rate"] != nil || map["max_vus"] != nil {
            let key = map.keys.first { ["stages", "rate", "start_rate", "max_vus"].contains($0) } ?? "stages"
            throw map.keyNode(key)!.error(
                "\(key) needs an executor",
                hint: map["stages"] != nil && map["rate"] == nil && map["max_vus"] == nil
                    ? "add executor: ramping-vus (stages in VUs) or executor: ramping-arrival-rate (stages in iterations/s)"
                    : "add executor: constant-arrival-rate or executor: ramping-arrival-rate")
        }
        switch (map["duration"], map["iterations"]) {
        case (.some, .some):
            let second = map.keys.last { $0 == "duration" || $0 == "iterations" } ?? "iterations"
            throw map.keyNode(second)!.error("give either duration or iterations, not both", hint: "remove one of them")
        case (nil, nil):
            throw ScenarioError(
                at: map.owner.location, file: map.owner.file, field: fieldPath(map, "duration"),
                message: "missing duration or iterations",
                hint: "e.g. duration: 30s or iterations: 200, or name an executor (executor: ramping-vus, …)")
        case (nil, .some): return .sharedIterations
        case (.some, nil): return .constantVUs
        }
    }

    /// Rejects keys of other executors, naming the executor they belong to.
    private static func checkKeys(_ map: YAMLMap, for kind: Executor.Kind) throws(ScenarioError) {
        let allowed = Set(commonKeys + (keysByExecutor[kind] ?? []))
        for key in map.keys where !allowed.contains(key) {
            let owners = Executor.Kind.allCases.filter { keysByExecutor[$0]?.contains(key) ?? false }.map(\.rawValue)
            throw map.keyNode(key)!.error(
                "\(key) does not apply to \(kind.rawValue)",
                hint: "\(key) belongs to " + owners.joined(separator: ", ") + "; "
                    + "\(kind.rawValue) takes " + (keysByExecutor[kind] ?? []).joined(separator: ", "))
        }
    }

    private static func decode(_ kind: Executor.Kind, _ map: YAMLMap) throws(ScenarioError) -> Executor {
        switch kind {
        case .constantVUs:
            let vus = try count(map, "vus", minimum: 1, hint: "e.g. vus: 10")
            let duration = try loadLength(try map.required("duration", hint: "e.g. duration: 30s"))
            let rampUp = try map["ramp_up"]?.duration() ?? .zero
            if rampUp > duration, let rampValue = map["ramp_up"] {
                throw rampValue.error(
                    "ramp_up \(rampUp.shortText) is longer than the duration \(duration.shortText)",
                    hint: "the duration includes the ramp-up")
            }
            return .constantVUs(vus: vus, duration: duration, rampUp: rampUp)
        case .rampingVUs:
            let start = try map["start_vus"].map { v throws(ScenarioError) in try vusCount(v) } ?? 0
            let stages = try StageDecoder.decode(
                try map.required("stages", hint: "e.g. stages: [{duration: 30s, target: 20}]"), rates: false)
            return .rampingVUs(startVUs: start, stages: stages)
        case .constantArrivalRate:
            let rate = try StageDecoder.rate(try map.required("rate", hint: "e.g. rate: 50/s"))
            guard rate > 0 else { throw map["rate"]!.error("rate must be above 0", hint: "e.g. rate: 50/s") }
            let duration = try loadLength(try map.required("duration", hint: "e.g. duration: 1m"))
            return .constantArrivalRate(rate: rate, duration: duration, maxVUs: try maxVUs(map))
        case .rampingArrivalRate:
            let start = try map["start_rate"].map { v throws(ScenarioError) in try StageDecoder.rate(v) } ?? 0
            let stages = try StageDecoder.decode(
                try map.required("stages", hint: "e.g. stages: [{duration: 30s, target: 20/s}]"), rates: true)
            guard start > 0 || stages.contains(where: { $0.target > 0 }) else {
                throw map["stages"]!.error(
                    "every stage targets 0/s: the run would start no iteration",
                    hint: "give a stage a target above 0, e.g. target: 20/s")
            }
            return .rampingArrivalRate(startRate: start, stages: stages, maxVUs: try maxVUs(map))
        case .perVUIterations, .sharedIterations:
            let vus = try map["vus"].map { v throws(ScenarioError) in try count(map, "vus", minimum: 1, hint: "") } ?? 1
            let iterations = try count(map, "iterations", minimum: 1, hint: "e.g. iterations: 100")
            let maxDuration =
                try map["max_duration"].map { v throws(ScenarioError) in try loadLength(v) }
                ?? LoadShape.defaultMaxDuration
            if kind == .sharedIterations, iterations < vus, let v = map["vus"] {
                throw v.error(
                    "\(vus) VUs would share only \(iterations) iterations",
                    hint: "use at most \(iterations) VUs, or more iterations")
            }
            return kind == .perVUIterations
                ? .perVUIterations(vus: vus, iterations: iterations, maxDuration: maxDuration)
                : .sharedIterations(vus: vus, iterations: iterations, maxDuration: maxDuration)
        }
    }

    /// `max_vus` is required by arrival-rate executors: without it, a slow target would make the run open
    /// unbounded numbers of users. `pre_allocated_vus` is accepted (k6's name) and must not exceed it.
    private static func maxVUs(_ map: YAMLMap) throws(ScenarioError) -> Int {
        guard let value = map["max_vus"] else {
            throw ScenarioError(
                at: map.owner.location, file: map.owner.file, field: fieldPath(map, "max_vus"),
                message: "an arrival-rate executor needs max_vus: the most iterations that may run at once",
                hint: "e.g. max_vus: 100 — about the peak rate × the iteration's duration, with room to spare")
        }
        let maxVUs = try count(map, "max_vus", minimum: 1, hint: "")
        if let pre = map["pre_allocated_vus"] {
            let n = try vusCount(pre)
            if n > maxVUs {
                throw pre.error(
                    "pre_allocated_vus \(n) is more than max_vus \(maxVUs)",
                    hint: "raise max_vus to \(n) or lower pre_allocated_vus")
            }
        }
        _ = value
        return maxVUs
    }

    /// A count of VUs (`vus`, `max_vus`) or of iterations, from `minimum` up to its documented limit.
    private static func count(_ map: YAMLMap, _ key: String, minimum: Int, hint: String) throws(ScenarioError) -> Int {
        let value = try map.required(key, hint: hint.isEmpty ? nil : hint)
        let n = try value.int()
        guard n >= minimum else { throw value.error("\(key) must be at least \(minimum), found \(n)") }
        try checkLimit(n, key == "iterations" ? InputLimits.maxIterations : InputLimits.maxVUs, value)
        return n
    }

    /// A number of VUs that may be 0 (`start_vus`, `pre_allocated_vus`).
    private static func vusCount(_ value: YAMLValue) throws(ScenarioError) -> Int {
        let n = try value.int()
        guard n >= 0 else { throw value.error("must be 0 or more, found \(n)") }
        try checkLimit(n, InputLimits.maxVUs, value)
        return n
    }

    /// `n` up to `limit` (VUs or iterations), else an error naming the limit.
    static func checkLimit(_ n: Int, _ limit: Int, _ value: YAMLValue) throws(ScenarioError) {
        guard n > limit else { return }
        let what = limit == InputLimits.maxIterations ? "iterations" : "VUs"
        throw value.error(
            "\(InputLimits.format(n)) is over the limit of \(InputLimits.format(limit)) \(what)",
            hint: "see README \"Bad input\" for the limits of every input")
    }

    /// A positive load length up to a week.
    private static func loadLength(_ value: YAMLValue) throws(ScenarioError) -> Duration {
        try atMost(InputLimits.maxLoadDuration, value, positive: true)
    }

    /// A duration up to `limit` (positive when asked).
    static func atMost(_ limit: Duration, _ value: YAMLValue, positive: Bool = false) throws(ScenarioError)
        -> Duration
    {
        let duration = positive ? try self.positive(value) : try value.duration()
        guard duration <= limit else {
            throw value.error(
                "\(duration.shortText) is longer than the limit of \(limit.shortText)",
                hint: "see README \"Bad input\" for the limits of every input")
        }
        return duration
    }

    private static func fieldPath(_ map: YAMLMap, _ key: String) -> String {
        map.owner.path.isEmpty ? key : "\(map.owner.path).\(key)"
    }

    static func timeouts(_ value: YAMLValue?) throws(ScenarioError) -> Timeouts {
        var timeouts = Timeouts()
        guard let value else { return timeouts }
        let map = try value.mapping(allowed: timeoutKeys)
        if let v = map["request"] { timeouts.request = try atMost(InputLimits.maxWait, v, positive: true) }
        if let v = map["connect"] { timeouts.connect = try atMost(InputLimits.maxWait, v, positive: true) }
        if let v = map["spinner"] { timeouts.spinner = try atMost(InputLimits.maxWait, v, positive: true) }
        return timeouts
    }

    static func positive(_ value: YAMLValue) throws(ScenarioError) -> Duration {
        let duration = try value.duration()
        guard duration > .zero else { throw value.error("must be longer than 0s", hint: "e.g. 30s") }
        return duration
    }
}
