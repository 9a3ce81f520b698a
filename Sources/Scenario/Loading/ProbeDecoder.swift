/// Decodes `probe:` — `limits` (step or group name → `{ degraded, failed }`) and `default`.
enum ProbeDecoder {
    static let keys = ["limits", "default"]
    static let limitKeys = ["degraded", "failed"]

    /// - Parameter names: the step and group names of the profile's flows, which `limits` may name.
    static func decode(_ value: YAMLValue, names: [String]) throws(ScenarioError) -> ProbeSettings {
        let map = try value.mapping(allowed: keys)
        var settings = ProbeSettings()
        if let limits = map["limits"] {
            for entry in try limits.mapping(allowed: nil).entries {
                guard names.contains(entry.key) else {
                    let hint =
                        Suggestions.didYouMean(entry.key, in: names, format: { "\"\($0)\"" })
                        ?? "steps and groups: " + names.joined(separator: ", ")
                    throw entry.keyNode.error("no step or group is named \"\(entry.key)\"", hint: hint)
                }
                settings.limits[entry.key] = try limit(entry.value)
            }
        }
        if let fallback = map["default"] { settings.defaultLimit = try limit(fallback) }
        return settings
    }

    private static func limit(_ value: YAMLValue) throws(ScenarioError) -> LatencyLimit {
        let map = try value.mapping(allowed: limitKeys)
        let limit = LatencyLimit(degraded: try map["degraded"]?.duration(), failed: try map["failed"]?.duration())
        guard limit.degraded != nil || limit.failed != nil else {
            throw value.error("give degraded, failed or both", hint: "e.g. { degraded: 1s, failed: 3s }")
        }
        if let d = limit.degraded, let f = limit.failed, d >= f, let node = map["degraded"] {
            throw node.error(
                "degraded (\(d.shortText)) must be shorter than failed (\(f.shortText))",
                hint: "a wait is degraded first, then failed")
        }
        return limit
    }
}
