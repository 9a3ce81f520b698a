/// Every key path the profile and flow loaders accept, built from the decoders' own key lists (the lists their
/// `mapping(allowed:)` checks use), so the reference — the "Every key" tables of `docs/reference-profile.md` and
/// `docs/reference-flow.md` — is checked against the code both ways and cannot drift.
///
/// The path grammar:
/// - `a.b` is key `b` of the mapping at `a`: `target.base_url`, `timeouts.spinner`;
/// - `<name>` is a key the author chooses (a role, a scenario, a field, a header, a capture, a step's name):
///   `roles.<role>.csv`, `steps[].capture.<name>.json`;
/// - `[]` is every item of a list: `load.stages[].target`, `steps[].check.status`, `network.faults[].reset.after`;
/// - a value with the shape of another path is not expanded again: `scenarios.<scenario>.load` is a `load`,
///   `roles.<role>.network` a `network`, each item of `steps[].requests` a request step (the `steps[]` keys of a
///   request).
///
/// A key several kinds of step share (`steps[].spinner`: a request's and a group's) is one path. `load` keys that
/// only some executors take name them in ``Entry/executors``.
public enum KeyCatalog {
    /// One key path, and which executors take it when not all do.
    public struct Entry: Sendable, Equatable, Hashable {
        /// The path, e.g. `load.rate`.
        public var path: String
        /// The executors (`constant-arrival-rate`, …) that take this `load` key; empty when no executor restricts it.
        public var executors: [String]

        public init(path: String, executors: [String] = []) {
            self.path = path
            self.executors = executors
        }
    }

    /// A profile's key paths (`docs/reference-profile.md`), in the decoders' order.
    public static let profile: [Entry] = {
        var keys = Builder()
        keys.add("", ProfileLoader.keys)
        keys.add("target", TargetDecoder.keys)
        keys.add("roles", ["<role>"])
        keys.add("roles.<role>", RoleDecoder.keys)
        keys.add("roles.<role>.fields", ["<field>"])
        keys.add("roles.<role>.fields.<field>", RoleDecoder.fieldKeys)
        keys.entries += loadEntries
        keys.add("load.stages[]", StageDecoder.keys)
        keys.add("scenarios", ["<scenario>"])
        keys.add("scenarios.<scenario>", ScenarioDecoder.keys)
        keys.add("scenarios.<scenario>.roles", ["<role>"])
        keys.add("timeouts", LoadDecoder.timeoutKeys)
        keys.add("probe", ProbeDecoder.keys)
        keys.add("probe.limits", ["<name>"])
        keys.add("probe.limits.<name>", ProbeDecoder.limitKeys)
        keys.add("probe.default", ProbeDecoder.limitKeys)
        keys.add("network", NetworkDecoder.keys)
        keys.add("network.faults[]", NetworkFaultDecoder.kinds + NetworkFaultDecoder.optionKeys)
        keys.add("network.faults[].reset", NetworkFaultDecoder.resetKeys)
        return keys.unique
    }()

    /// A flow's key paths (`docs/reference-flow.md`), in the decoders' order.
    public static let flow: [Entry] = {
        var keys = Builder()
        keys.add("", FlowDecoder.keys)
        keys.add("headers", ["<header>"])
        keys.add("steps[]", RequestDecoder.keys)
        keys.add("steps[].query", ["<name>"])
        keys.add("steps[].headers", ["<header>"])
        keys.add("steps[].form", ["<name>"])
        keys.add("steps[].capture", ["<name>"])
        keys.add("steps[].capture.<name>", CaptureDecoder.sourceKeys)
        keys.add("steps[].check", CheckDecoder.keys)
        keys.add("steps[].check.json", ["<path>"])
        keys.add("steps[]", StepDecoder.groupKeys)
        keys.add("steps[]", StepDecoder.thinkKeys)
        return keys.unique
    }()

    /// `load:`'s keys: the ones every executor takes, then each of the others with the executors that take it.
    private static var loadEntries: [Entry] {
        LoadDecoder.allLoadKeys.compactMap { key in
            if LoadDecoder.commonKeys.contains(key) { return Entry(path: "load.\(key)") }
            let executors = Executor.Kind.allCases.filter { LoadDecoder.keysByExecutor[$0]?.contains(key) ?? false }
            // A key no executor takes is refused by every one of them: the loader does not accept it.
            return executors.isEmpty ? nil : Entry(path: "load.\(key)", executors: executors.map(\.rawValue))
        }
    }

    /// Collects paths under prefixes.
    private struct Builder {
        var entries: [Entry] = []

        mutating func add(_ prefix: String, _ keys: [String]) {
            entries += keys.map { Entry(path: prefix.isEmpty ? $0 : "\(prefix).\($0)") }
        }

        /// Each path once, first occurrence kept.
        var unique: [Entry] {
            var seen: Set<String> = []
            return entries.filter { seen.insert($0.path).inserted }
        }
    }
}
