import Yams

/// Decodes network conditions — the profile's `network:`, a role's `network:` (which overrides the profile's
/// for that role's VUs), a `Profiles/network/*.yaml` file, and `--network` on the command line:
///
/// ```yaml
/// network: slow-4g                                              # a preset (rehearse network list), or none
/// network: { rtt: 120ms, jitter: 15ms, down: 10mbit, up: 2mbit }
/// network: { preset: slow-4g, jitter: 20ms, faults: [{ refuse: true, probability: 0.05 }] }
/// ```
///
/// Durations need a unit; rates are `kbit`, `mbit`, `gbit` (or `kbps`…) per second, or `unlimited`. Jitter above
/// the RTT is an error unless `allow_jitter_above_rtt: true`. Faults: see ``NetworkFaultDecoder``.
public enum NetworkDecoder {
    static let keys = ["preset", "rtt", "jitter", "down", "up", "faults", "allow_jitter_above_rtt"]
    /// The name that turns emulation off (e.g. for one role when the profile sets a network).
    public static let noneName = "none"
    /// Where command-line errors point.
    static let commandLineFile = "command line"
    static let listHint = "rehearse network list shows every preset"

    /// A preset name or an inline mapping, at any place a profile accepts `network:`.
    static func decode(_ value: YAMLValue) throws(ScenarioError) -> NetworkConditions {
        switch value.node {
        case .scalar where !value.isNull: return try preset(value)
        case .mapping: return try inline(value)
        default:
            throw value.typeError(
                "a network preset or mapping", hint: "e.g. network: slow-4g or network: { rtt: 100ms, down: 10mbit }")
        }
    }

    /// Decodes a network file such as `Profiles/network/slow-4g.yaml`; unnamed conditions take the file's name.
    public static func decode(yaml: String, file: String) throws(ScenarioError) -> NetworkConditions {
        var conditions = try decode(try YAMLDocument.root(yaml: yaml, file: file))
        if conditions.name == nil { conditions.name = FileReading.baseName(of: file) }
        return conditions
    }

    /// The value of `--network`: a preset name, `none`, or an inline mapping in YAML flow syntax such as
    /// `{rtt: 100ms, down: 10mbit}`. Errors name the field `--network` (file `command line`, no line).
    public static func parse(commandLine text: String) throws(ScenarioError) -> NetworkConditions {
        do {
            let root = try YAMLDocument.root(yaml: text, file: commandLineFile)
            return try decode(YAMLValue(node: root.node, file: commandLineFile, path: "--network"))
        } catch {
            var failure = error
            failure.line = nil
            failure.column = nil
            if failure.field.isEmpty { failure.field = "--network" }
            throw failure
        }
    }

    /// `slow-4g` (case is ignored) or `none`; anything else is an error with a did-you-mean.
    private static func preset(_ value: YAMLValue) throws(ScenarioError) -> NetworkConditions {
        let name = try value.string()
        if name.lowercased() == noneName { return NetworkConditions(name: noneName) }
        if let preset = NetworkPresets.named(name) ?? NetworkPresets.named(name.lowercased()) {
            return preset.conditions
        }
        let suggestion = Suggestions.didYouMean(name, in: NetworkPresets.names, format: { "\"\($0)\"" })
        throw value.error(
            "unknown network preset \"\(name)\"", hint: suggestion.map { "\($0) \(listHint)" } ?? listHint)
    }

    /// `{ preset?, rtt?, jitter?, down?, up?, faults?, allow_jitter_above_rtt? }`. Overriding a preset's numbers
    /// drops its name (the conditions are no longer the preset's); adding faults keeps it.
    private static func inline(_ value: YAMLValue) throws(ScenarioError) -> NetworkConditions {
        let map = try value.mapping(allowed: keys)
        guard map.keys.contains(where: { $0 != "allow_jitter_above_rtt" }) else {
            throw value.error(
                "give a preset or rtt, jitter, down, up or faults",
                hint: "e.g. { rtt: 100ms, down: 10mbit } or { preset: slow-4g, jitter: 20ms }")
        }
        let base = try map["preset"].map { v throws(ScenarioError) in try preset(v) } ?? NetworkConditions()
        var conditions = base
        if let v = map["rtt"] { conditions.rtt = try v.networkDuration() }
        if let v = map["jitter"] { conditions.jitter = try v.networkDuration() }
        if let v = map["down"] { conditions.downBitsPerSecond = try v.rate() }
        if let v = map["up"] { conditions.upBitsPerSecond = try v.rate() }
        if let v = map["faults"] { conditions.faults = try NetworkFaultDecoder.decode(v) }
        try checkJitter(conditions, map, allowed: try map["allow_jitter_above_rtt"]?.bool() ?? false)
        var numbers = conditions
        numbers.faults = base.faults
        if numbers != base { conditions.name = nil }
        return conditions
    }

    /// Jitter above the RTT is usually a mistake (ms vs s, or one-way vs round trip), so it must be asked for.
    private static func checkJitter(_ conditions: NetworkConditions, _ map: YAMLMap, allowed: Bool)
        throws(ScenarioError)
    {
        guard conditions.jitter > conditions.rtt, !allowed else { return }
        let node = map["jitter"] ?? map["rtt"] ?? map.owner
        throw node.error(
            "jitter \(NetworkText.milliseconds(conditions.jitter)) is larger than rtt "
                + NetworkText.milliseconds(conditions.rtt),
            hint: "jitter is a random extra delay of up to that much; "
                + "add allow_jitter_above_rtt: true if you mean it")
    }
}
