/// Decodes `load:` and `timeouts:`.
enum LoadDecoder {
    static let loadKeys = ["vus", "duration", "iterations", "ramp_up", "graceful_stop"]
    static let timeoutKeys = ["request", "connect", "spinner"]

    static func load(_ value: YAMLValue) throws(ScenarioError) -> LoadShape {
        let map = try value.mapping(allowed: loadKeys)
        let vusValue = try map.required("vus", hint: "e.g. vus: 10")
        let vus = try vusValue.int()
        guard vus >= 1 else { throw vusValue.error("vus must be at least 1, found \(vus)") }
        let end = try self.end(map)
        let rampUp = try map["ramp_up"]?.duration() ?? .zero
        if case .duration(let total) = end, rampUp > total, let rampValue = map["ramp_up"] {
            throw rampValue.error(
                "ramp_up \(rampUp.shortText) is longer than the duration \(total.shortText)",
                hint: "the duration includes the ramp-up")
        }
        let gracefulStop = try map["graceful_stop"]?.duration() ?? .seconds(10)
        return LoadShape(vus: vus, end: end, rampUp: rampUp, gracefulStop: gracefulStop)
    }

    /// Exactly one of `duration` and `iterations`.
    private static func end(_ map: YAMLMap) throws(ScenarioError) -> LoadShape.End {
        switch (map["duration"], map["iterations"]) {
        case (let duration?, nil):
            return .duration(try positive(duration))
        case (nil, let iterations?):
            let count = try iterations.int()
            guard count >= 1 else { throw iterations.error("iterations must be at least 1, found \(count)") }
            return .iterations(count)
        case (.some, .some):
            let second = map.keys.last { $0 == "duration" || $0 == "iterations" } ?? "iterations"
            throw map.keyNode(second)!.error(
                "give either duration or iterations, not both", hint: "remove one of them")
        case (nil, nil):
            throw ScenarioError(
                at: map.owner.location, file: map.owner.file, field: "load.duration",
                message: "missing duration or iterations", hint: "e.g. duration: 30s or iterations: 200")
        }
    }

    static func timeouts(_ value: YAMLValue?) throws(ScenarioError) -> Timeouts {
        var timeouts = Timeouts()
        guard let value else { return timeouts }
        let map = try value.mapping(allowed: timeoutKeys)
        if let v = map["request"] { timeouts.request = try positive(v) }
        if let v = map["connect"] { timeouts.connect = try positive(v) }
        if let v = map["spinner"] { timeouts.spinner = try positive(v) }
        return timeouts
    }

    private static func positive(_ value: YAMLValue) throws(ScenarioError) -> Duration {
        let duration = try value.duration()
        guard duration > .zero else { throw value.error("must be longer than 0s", hint: "e.g. 30s") }
        return duration
    }
}
