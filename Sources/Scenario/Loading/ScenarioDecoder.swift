/// Decodes `scenarios:` — named workloads, each with its flow(s), its roles' weights and its own `load:` — or,
/// without it, the profile's one `default` scenario from its top-level `flows` and `load`.
struct ScenarioDecoder {
    static let keys = ["flow", "flows", "roles", "load"]
    /// Loads a flow file (once per path) relative to the profile's folder.
    let loadFlows: (YAMLValue) throws(ScenarioError) -> [DecodedFlow]
    /// `nil` when the roles could not be read (their errors are reported): weights are then not checked.
    let roles: [Role]?

    /// The scenarios of a profile mapping `map` (with `scenarios:`, or the top-level `flows` and `load`).
    func decode(_ map: YAMLMap) throws(ScenarioError) -> [LoadScenario] {
        guard let value = map["scenarios"] else {
            // The flows and the load are independent: both are checked, their errors thrown together.
            var errors = ErrorCollector()
            let flows = errors.attempt { () throws(ScenarioError) in
                try loadFlows(try map.required("flows", hint: "e.g. flows: [flows/checkout.yaml]"))
            }
            let load = errors.attempt { () throws(ScenarioError) in
                try LoadDecoder.load(try map.required("load", hint: "e.g. load: { vus: 10, duration: 30s }"))
            }
            try errors.finish()
            guard let flows, let load else { return [] }
            return [
                LoadScenario(
                    name: LoadScenario.defaultName, flows: flows.map(\.flow), roleWeights: roles?.map(\.weight) ?? [],
                    load: load)
            ]
        }
        for key in ["flows", "load"] {
            if let node = map.keyNode(key) {
                throw node.error(
                    "\(key) belongs inside each scenario when the profile has scenarios",
                    hint: key == "flows"
                        ? "give each scenario its flow: scenarios: { browse: { flow: flows/x.yaml, … } }"
                        : "give each scenario its load: scenarios: { browse: { load: { … } } }")
            }
        }
        var scenarios: [LoadScenario] = []
        var errors = ErrorCollector()
        let entries = try value.mapping(allowed: nil).entries
        for entry in entries {
            if let s = errors.attempt({ () throws(ScenarioError) in try scenario(name: entry.key, entry.value) }) {
                scenarios.append(s)
            }
        }
        try errors.finish()
        guard !scenarios.isEmpty else { throw value.error("scenarios must name at least one scenario") }
        return scenarios
    }

    private func scenario(name: String, _ value: YAMLValue) throws(ScenarioError) -> LoadScenario {
        let map = try value.mapping(allowed: Self.keys)
        let flowValue: YAMLValue
        switch (map["flow"], map["flows"]) {
        case (let one?, nil): flowValue = one
        case (nil, let many?): flowValue = many
        case (.some, .some): throw map.keyNode("flows")!.error("give either flow or flows, not both")
        case (nil, nil): flowValue = try map.required("flow", hint: "e.g. flow: flows/dashboard.yaml")
        }
        var errors = ErrorCollector()
        let flows = errors.attempt { () throws(ScenarioError) in try loadFlows(flowValue).map(\.flow) }
        let load = errors.attempt { () throws(ScenarioError) in
            try LoadDecoder.load(try map.required("load", hint: "e.g. load: { vus: 10, duration: 30s }"))
        }
        try errors.finish()
        guard let flows, let load else { throw value.error("the scenario could not be read") }  // thrown above
        return LoadScenario(
            name: name, flows: flows, roleWeights: try weights(map["roles"]), load: load, source: value.location)
    }

    /// `roles: {user: 9, admin: 1}` or `roles: [user, admin]` (their profile weights); absent: every role.
    private func weights(_ value: YAMLValue?) throws(ScenarioError) -> [Int] {
        guard let roles else { return [] }
        guard let value else { return roles.map(\.weight) }
        let names = roles.map(\.name)
        var weights = Array(repeating: 0, count: roles.count)
        func index(_ name: String, _ at: YAMLValue) throws(ScenarioError) -> Int {
            guard let i = names.firstIndex(of: name) else {
                throw at.error(
                    "no role is named \"\(name)\"",
                    hint: Suggestions.didYouMean(name, in: names, format: { $0 }) ?? "roles: "
                        + names.joined(separator: ", "))
            }
            return i
        }
        if case .sequence = value.node {
            for item in try value.list() {
                let i = try index(try item.nonEmptyString(), item)
                weights[i] = roles[i].weight
            }
        } else {
            for entry in try value.mapping(allowed: nil).entries {
                let i = try index(entry.key, entry.keyNode)
                let w = try entry.value.int()
                guard w >= 0 else { throw entry.value.error("weight must be 0 or more, found \(w)") }
                weights[i] = w
            }
        }
        guard weights.contains(where: { $0 > 0 }) else {
            throw value.error("no role has a weight above 0", hint: "e.g. roles: {user: 9, admin: 1}")
        }
        return weights
    }
}
