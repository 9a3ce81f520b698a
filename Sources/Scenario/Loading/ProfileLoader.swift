import Foundation

/// Loads a profile (see README "Profiles and flows"): reads the profile, its flow files and role CSV files
/// (relative to the profile's folder), resolves `{ env: NAME }` fields and checks everything a run needs —
/// so a run never starts with a typo in it.
public struct ProfileLoader: Sendable {
    static let keys = ["name", "target", "flows", "roles", "load", "timeouts", "output", "probe", "network", "thresholds"]

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

    /// Decodes profile text as if read from `path` (flow and CSV paths are relative to its folder).
    public func decode(yaml: String, path: String) throws(ScenarioError) -> Profile {
        let root = try YAMLDocument.root(yaml: yaml, file: path)
        guard case .mapping = root.node else {
            throw root.typeError("a profile (a mapping with target, flows, roles and load)")
        }
        let map = try root.mapping(allowed: Self.keys)
        let directory = FileReading.directory(of: path)
        let target = try TargetDecoder(environment: environment).decode(try map.required("target"))
        let flows = try loadFlows(try map.required("flows", hint: "e.g. flows: [flows/checkout.yaml]"), directory)
        // Without `roles`, every VU is one anonymous user with no credentials (public pages, benchmarks).
        let roles = try map["roles"].map { v throws(ScenarioError) in try decodeRoles(v, directory) }
            ?? [RoleDraft(role: Role(name: "anonymous", accounts: [[:]]), value: root)]
        let load = try LoadDecoder.load(try map.required("load", hint: "e.g. load: { vus: 10, duration: 30s }"))
        let timeouts = try LoadDecoder.timeouts(map["timeouts"])
        let checks = ProfileChecks(environment: environment, target: target, roles: roles)
        try checks.validate(flows.flatMap(\.usages))
        let waitNames = flows.flatMap { $0.flow.waitNames }
        let probe = try map["probe"].map { v throws(ScenarioError) in try ProbeDecoder.decode(v, names: waitNames) }
        var profile = Profile(
            name: try map["name"]?.nonEmptyString() ?? FileReading.baseName(of: path), target: target,
            flows: flows.map(\.flow), roles: roles.map(\.role), load: load, timeouts: timeouts,
            output: try map["output"]?.nonEmptyString() ?? "Results",
            source: SourceLocation(file: path, line: 1, column: 1))
        profile.probe = probe
        profile.network = try map["network"].map { v throws(ScenarioError) in try NetworkDecoder.decode(v) }
        let thresholdNames = ThresholdNames(flows: profile.flows, roles: profile.roles.map(\.name))
        profile.thresholds = try map["thresholds"].map { v throws(ScenarioError) in
            try ThresholdDecoder.decode(v, names: thresholdNames)
        } ?? []
        return profile
    }

    /// Reads each flow file relative to the profile's folder.
    private func loadFlows(_ value: YAMLValue, _ directory: String) throws(ScenarioError) -> [DecodedFlow] {
        var flows: [DecodedFlow] = []
        var files: [String: String] = [:]
        for item in try value.stringListValues() {
            let path = FileReading.resolve(try item.nonEmptyString(), relativeTo: directory)
            var reference = item.error("")
            reference.hint = "flow paths are relative to the profile's folder (\(directory.isEmpty ? "." : directory))"
            let text = try FileReading.read(path, with: fileReader, what: "flow file", reference: reference)
            let flow = try FlowDecoder.decodeDetailed(yaml: text, file: path)
            if let other = files[flow.flow.name], other != path {
                throw item.error(
                    "two flows are named \"\(flow.flow.name)\" (\(other) and \(path))",
                    hint: "give one of them a different name:")
            }
            files[flow.flow.name] = path
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

extension YAMLValue {
    /// The items of a list, or this value alone when it is a single scalar.
    func stringListValues() throws(ScenarioError) -> [YAMLValue] {
        if case .scalar = node, !isNull { return [self] }
        return try list()
    }
}
