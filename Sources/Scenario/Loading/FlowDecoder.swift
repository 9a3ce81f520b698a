/// A flow with the locations of the templates it uses (for checks that need the profile).
struct DecodedFlow {
    var flow: Flow
    var usages: [TemplateUsage]
}

/// Decodes one flow file (see README "Profiles and flows"): `name`, `headers`, `continue_on_failure`, `steps`.
///
/// Checks everything a flow can check alone: keys, types, durations, JSON paths, regexes, unique step names
/// and that each `{{capture}}` comes from an earlier step. `{{env.…}}` and `{{role.…}}` are checked by
/// ``ProfileLoader``, which knows the environment and the roles.
public enum FlowDecoder {
    static let keys = ["name", "headers", "continue_on_failure", "steps"]

    /// Decodes `yaml`; `file` names it in errors and gives the default flow name.
    public static func decode(yaml: String, file: String) throws(ScenarioError) -> Flow {
        try decodeDetailed(yaml: yaml, file: file).flow
    }

    static func decodeDetailed(yaml: String, file: String) throws(ScenarioError) -> DecodedFlow {
        let root = try YAMLDocument.root(yaml: yaml, file: file)
        guard case .mapping = root.node else {
            throw root.typeError("a flow (a mapping with steps:)", hint: "see the README, section Profiles and flows")
        }
        // Keys and steps are independent: every mistake among them is reported at once.
        var errors = ErrorCollector()
        let map = try root.mapping(allowed: nil)
        errors.checkKeys(map, allowed: keys)
        var headerRecorder = TemplateRecorder()
        let headers = errors.attempt { () throws(ScenarioError) in try headerRecorder.headers(map["headers"]) } ?? []
        let name = errors.attempt { () throws(ScenarioError) in try map["name"]?.nonEmptyString() } ?? nil
        let continueOnFailure =
            errors.attempt { () throws(ScenarioError) in try map["continue_on_failure"]?.bool() } ?? nil
        let stepsValue = errors.attempt { () throws(ScenarioError) in
            try map.required("steps", hint: "list the requests of the flow under steps:")
        }
        let items = stepsValue.flatMap { v in errors.attempt { () throws(ScenarioError) in try v.list() } } ?? []
        var drafts: [StepDraft] = []
        for item in items {
            if let draft = errors.attempt({ () throws(ScenarioError) in try StepDecoder.decode(item) }) {
                drafts.append(draft)
            }
        }
        try errors.finish()  // names and capture references need every step
        guard !drafts.isEmpty else { throw (stepsValue ?? root).error("a flow needs at least one step") }
        try StepNaming.assignNames(&drafts)
        try CaptureReferences.validate(drafts, flowHeaders: headerRecorder.usages)
        let flow = Flow(
            name: name ?? FileReading.baseName(of: file), headers: headers, steps: drafts.map(step),
            continueOnFailure: continueOnFailure ?? false, source: SourceLocation(file: file, line: 1, column: 1))
        return DecodedFlow(flow: flow, usages: headerRecorder.usages + drafts.flatMap(usages))
    }

    private static func step(_ draft: StepDraft) -> Step {
        switch draft {
        case .request(let r): .request(r.step)
        case .group(let g):
            .group(GroupStep(name: g.name, requests: g.requests.map(\.step), spinner: g.spinner, source: g.location))
        case .think(let t): .think(t)
        }
    }

    private static func usages(_ draft: StepDraft) -> [TemplateUsage] {
        switch draft {
        case .request(let r): r.usages
        case .group(let g): g.requests.flatMap(\.usages)
        case .think: []
        }
    }
}

/// Loads a single flow file.
public enum FlowLoader {
    /// Reads and decodes the flow at `path`.
    public static func load(path: String, fileReader: FileReader = FileReading.disk) throws(ScenarioError) -> Flow {
        let text = try FileReading.read(
            path, with: fileReader, what: "flow file", reference: ScenarioError(file: path, message: ""))
        return try FlowDecoder.decode(yaml: text, file: path)
    }
}
