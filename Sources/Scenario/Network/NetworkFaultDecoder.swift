/// Decodes `faults:` inside network conditions: a list of entries, each with exactly one kind plus an optional
/// `probability` (0…1, default 1) and `direction` (`up`, `down` or `both`, the default):
///
/// ```yaml
/// faults:
///   - { refuse: true, probability: 0.05 }
///   - { black_hole: true, probability: 0.01 }
///   - { reset: { after: 200ms }, probability: 0.1, direction: down }
///   - { reset: { after_bytes: 1000 } }
///   - { truncate: 500 }                   # bytes
///   - { slow_close: 2s }
///   - { spike: 300ms, probability: 0.02 }
/// ```
enum NetworkFaultDecoder {
    static let kinds = ["refuse", "black_hole", "reset", "truncate", "slow_close", "spike"]
    static let optionKeys = ["probability", "direction"]
    static let resetKeys = ["after", "after_bytes"]
    static let example = "e.g. - { refuse: true, probability: 0.05 } or - { spike: 300ms }"

    static func decode(_ value: YAMLValue) throws(ScenarioError) -> [NetworkFault] {
        var faults: [NetworkFault] = []
        for item in try value.list() { faults.append(try fault(item)) }
        return faults
    }

    /// One entry: exactly one kind, then the options.
    static func fault(_ value: YAMLValue) throws(ScenarioError) -> NetworkFault {
        guard case .mapping = value.node else { throw value.typeError("a fault (a mapping)", hint: example) }
        let map = try value.mapping(allowed: nil)
        for entry in map.entries where !kinds.contains(entry.key) && !optionKeys.contains(entry.key) {
            throw unknownKey(entry.key, at: entry.keyNode)
        }
        let given = map.entries.filter { kinds.contains($0.key) }
        guard let first = given.first else {
            throw value.error("the fault has no kind", hint: "give one of " + kinds.joined(separator: ", "))
        }
        if given.count > 1 {
            throw given[1].keyNode.error(
                "one fault per entry: found \(first.key) and \(given[1].key)",
                hint: "put each fault in its own list entry, e.g. - { \(first.key): … } and "
                    + "- { \(given[1].key): … }")
        }
        var fault = NetworkFault(kind: try kind(first.key, first.value))
        if let probability = map["probability"] { fault.probability = try probability.probability() }
        if let direction = map["direction"] { fault.direction = try self.direction(direction) }
        return fault
    }

    /// "unknown fault kind" with a did-you-mean among kinds and options.
    private static func unknownKey(_ key: String, at node: YAMLValue) -> ScenarioError {
        let suggestion = Suggestions.closest(to: key, in: kinds + optionKeys)
        let isOption = suggestion.map(optionKeys.contains) ?? false
        return node.error(
            isOption ? "unknown key \"\(key)\"" : "unknown fault kind \"\(key)\"",
            hint: suggestion.map { "did you mean \"\($0)\"?" }
                ?? "fault kinds: \(kinds.joined(separator: ", ")); options: \(optionKeys.joined(separator: ", "))")
    }

    private static func kind(_ key: String, _ value: YAMLValue) throws(ScenarioError) -> NetworkFault.Kind {
        switch key {
        case "refuse":
            try requireTrue(value)
            return .refuse
        case "black_hole":
            try requireTrue(value)
            return .blackHole
        case "reset": return try reset(value)
        case "truncate": return .truncate(bytes: try value.byteCount())
        case "slow_close": return .slowClose(try value.positiveNetworkDuration())
        default: return .spike(try value.positiveNetworkDuration())
        }
    }

    /// `refuse: true`; `false` is an error rather than a silent no-op.
    private static func requireTrue(_ value: YAMLValue) throws(ScenarioError) {
        guard try value.bool() else {
            throw value.error("\(value.fieldName) takes true", hint: "remove the entry to turn the fault off")
        }
    }

    /// `reset: { after: 200ms }` or `reset: { after_bytes: 1000 }`.
    private static func reset(_ value: YAMLValue) throws(ScenarioError) -> NetworkFault.Kind {
        let hint = "e.g. reset: { after: 200ms } or reset: { after_bytes: 1000 }"
        guard case .mapping = value.node else { throw value.typeError("a mapping", hint: hint) }
        let map = try value.mapping(allowed: resetKeys)
        switch (map["after"], map["after_bytes"]) {
        case (let after?, nil): return .reset(after: try after.networkDuration(), bytes: nil)
        case (nil, let bytes?): return .reset(after: nil, bytes: try bytes.byteCount())
        case (.some, .some):
            throw map.keyNode("after_bytes")!.error(
                "give either after or after_bytes, not both", hint: "use two fault entries for both")
        case (nil, nil): throw value.error("reset needs after or after_bytes", hint: hint)
        }
    }

    private static func direction(_ value: YAMLValue) throws(ScenarioError) -> NetworkFault.Direction {
        let text = try value.string()
        guard let direction = NetworkFault.Direction(rawValue: text) else {
            let names = ["up", "down", "both"]
            throw value.error(
                "unknown direction \"\(text)\"",
                hint: Suggestions.didYouMean(text, in: names, format: { "\"\($0)\"" })
                    ?? "up (client to server), down (server to client) or both")
        }
        return direction
    }
}
