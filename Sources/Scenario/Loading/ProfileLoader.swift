import Foundation

/// Loads a profile (see README "Profiles and flows"): reads the profile, its flow files and role CSV files
/// (relative to the profile's folder), resolves `{ env: NAME }` fields and checks everything a run needs —
/// so a run never starts with a typo in it.
public struct ProfileLoader: Sendable {
    static let keys = [
        "name", "target", "flows", "roles", "load", "scenarios", "timeouts", "output", "probe", "network", "thresholds",
        "abort_when",
    ]

    /// The environment `{{env.NAME}}` and `{ env: NAME }` read.
    public var environment: [String: String]
    /// How files are read (the disk by default).
    public var fileReader: FileReader

    /// A loader reading `environment` (the process environment by default) and files through `fileReader`.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        fileReader: @escaping FileReader = FileReading.disk
    ) {
        self.environment = environment
        self.fileReader = fileReader
    }

    /// Reads and checks the profile at `path`.
    public func load(path: String) throws(ScenarioError) -> Profile {
        let text = try FileReading.read(
            path, with: fileReader, what: "profile", reference: ScenarioError(file: path, message: ""))
        return try decode(yaml: text, path: path)
    }

    /// Decodes profile text as if read from `path` (flow and CSV paths are relative to its folder). Independent
    /// parts (top-level keys, flow files, steps) are all checked, and their errors thrown together.
    public func decode(yaml: String, path: String) throws(ScenarioError) -> Profile {
        let root = try YAMLDocument.root(yaml: yaml, file: path)
        guard case .mapping = root.node else {
            throw root.typeError("a profile (a mapping with target, flows, roles and load)")
        }
        var errors = ErrorCollector()
        let map = try root.mapping(allowed: nil)
        errors.checkKeys(map, allowed: Self.keys)
        let directory = FileReading.directory(of: path)
        let target = errors.attempt { () throws(ScenarioError) in
            try TargetDecoder(environment: environment).decode(try map.required("target"))
        }
        // Without `roles`, every VU is one anonymous user with no credentials (public pages, benchmarks).
        let roles = errors.attempt { () throws(ScenarioError) in
            try map["roles"].map { v throws(ScenarioError) in try decodeRoles(v, directory) }
                ?? [RoleDraft(role: Role(name: "anonymous", accounts: [[:]]), value: root)]
        }
        var flowCache = FlowCache()
        let scenarios = errors.attempt { () throws(ScenarioError) in
            try ScenarioDecoder(
                loadFlows: { v throws(ScenarioError) in try loadFlows(v, directory, cache: &flowCache) },
                roles: roles?.map(\.role)
            ).decode(map)
        }
        let timeouts = errors.attempt { () throws(ScenarioError) in try LoadDecoder.timeouts(map["timeouts"]) }
        if let target, let roles {
            ProfileChecks(environment: environment, target: target, roles: roles).validate(
                flowCache.flows.flatMap(\.usages), into: &errors)
        }
        let waitNames = flowCache.flows.flatMap { $0.flow.waitNames }
        let probe = errors.attempt { () throws(ScenarioError) in
            try map["probe"].map { v throws(ScenarioError) in try ProbeDecoder.decode(v, names: waitNames) }
        }
        let network = errors.attempt { () throws(ScenarioError) in
            try map["network"].map { v throws(ScenarioError) in try NetworkDecoder.decode(v) }
        }
        let name = errors.attempt { () throws(ScenarioError) in try map["name"]?.nonEmptyString() }
        let output = errors.attempt { () throws(ScenarioError) in try map["output"]?.nonEmptyString() }
        try errors.finish()
        guard let target, let roles, let scenarios, let timeouts, let probe, let network, let name, let output else {
            throw ScenarioError(file: path, message: "the profile could not be read")  // unreachable: errors thrown
        }
        var profile = Profile(
            name: name ?? FileReading.baseName(of: path), target: target, scenarios: scenarios,
            roles: roles.map(\.role), timeouts: timeouts, output: output ?? "Results",
            source: SourceLocation(file: path, line: 1, column: 1))
        try LoadChecks.validate(
            profile, scenariosValue: map["scenarios"] ?? map["load"] ?? root, target: map["target"]!)
        profile.probe = probe
        profile.network = network
        try decodeThresholds(map, into: &profile)
        return profile
    }

    /// `thresholds` and `abort_when`, which name the profile's steps, groups, roles and scenarios.
    private func decodeThresholds(_ map: YAMLMap, into profile: inout Profile) throws(ScenarioError) {
        var errors = ErrorCollector()
        let names = ThresholdNames(
            flows: profile.flows, roles: profile.roles.map(\.name), scenarios: profile.scenarios.map(\.name))
        profile.thresholds =
            errors.attempt { () throws(ScenarioError) in
                try map["thresholds"].map { v throws(ScenarioError) in try ThresholdDecoder.decode(v, names: names) }
                    ?? []
            } ?? []
        profile.abortWhen =
            errors.attempt { () throws(ScenarioError) in
                try map["abort_when"].map { v throws(ScenarioError) in
                    try ThresholdDecoder.decodeAbort(v, names: names)
                } ?? []
            } ?? []
        try errors.finish()
    }

    /// Reads each flow file relative to the profile's folder; a file several scenarios name is read once.
    private func loadFlows(_ value: YAMLValue, _ directory: String, cache: inout FlowCache) throws(ScenarioError)
        -> [DecodedFlow]
    {
        var flows: [DecodedFlow] = []
        for item in try value.stringListValues() {
            let path = FileReading.resolve(try item.nonEmptyString(), relativeTo: directory)
            if let known = cache.byPath[path] {
                flows.append(known)
                continue
            }
            var reference = item.error("")
            reference.hint = "flow paths are relative to the profile's folder (\(directory.isEmpty ? "." : directory))"
            let text = try FileReading.read(path, with: fileReader, what: "flow file", reference: reference)
            let flow = try FlowDecoder.decodeDetailed(yaml: text, file: path)
            if let other = cache.pathByName[flow.flow.name], other != path {
                throw item.error(
                    "two flows are named \"\(flow.flow.name)\" (\(other) and \(path))",
                    hint: "give one of them a different name:")
            }
            cache.add(flow, path: path)
            flows.append(flow)
        }
        guard !flows.isEmpty else { throw value.error("a profile needs at least one flow") }
        return flows
    }

    private func decodeRoles(_ value: YAMLValue, _ directory: String) throws(ScenarioError) -> [RoleDraft] {
        let decoder = RoleDecoder(environment: environment, profileDirectory: directory, fileReader: fileReader)
        var roles: [RoleDraft] = []
        for entry in try value.mapping(allowed: nil).entries {
            roles.append(try decoder.decode(name: entry.key, value: entry.value))
        }
        guard !roles.isEmpty else { throw value.error("a profile needs at least one role") }
        return roles
    }
}

/// The flow files a profile has read, by path, in order of first use.
struct FlowCache {
    private(set) var flows: [DecodedFlow] = []
    private(set) var byPath: [String: DecodedFlow] = [:]
    private(set) var pathByName: [String: String] = [:]

    mutating func add(_ flow: DecodedFlow, path: String) {
        flows.append(flow)
        byPath[path] = flow
        pathByName[flow.flow.name] = path
    }
}

extension YAMLValue {
    /// The items of a list, or this value alone when it is a single scalar.
    func stringListValues() throws(ScenarioError) -> [YAMLValue] {
        if case .scalar = node, !isNull { return [self] }
        return try list()
    }
}
