/// What a fenced block of the docs is, from its info string (docs/development.md "Examples that run"):
///
/// - `sh`: command lines; each `rehearse …` is parsed, and run when it can run against the demo target;
/// - `text`: output, diagrams, other tools' commands: not checked;
/// - `yaml profile [FILE]`: a whole profile, loaded by the real loader (as a file of `Profiles/`, or as FILE in the
///   test's workspace, where later commands can use it);
/// - `yaml flow [FILE]`: a whole flow, loaded the same way;
/// - `yaml fragment [FILE]`: top-level keys of a profile, set over FILE of the workspace when a command wrote it
///   (and saved, as a reader would edit it), else over `Profiles/demo.yaml`, then loaded; `---` separates
///   alternatives;
/// - `yaml other`: another tool's YAML (a Prometheus scrape config): it must parse;
/// - `json`: it must parse.
///
/// A block without an info string, or with another one, fails: every example says what it is.
enum ExampleKind: Equatable {
    case commands
    case text
    case profile(file: String?)
    case flow(file: String?)
    case fragment(file: String?)
    case otherYAML
    case json

    static let help =
        "give the fence an info string: sh, text, json, or yaml with profile, flow, fragment or other (and an "
        + "optional file name); see docs/development.md \"Examples that run\""

    /// A whole profile or flow: the loader's line numbers count from the block's first line.
    var isWhole: Bool {
        switch self {
        case .profile, .flow: true
        default: false
        }
    }

    /// The kind of a block whose info string is `info`; nil when it is missing or unknown.
    init?(info: [String]) {
        switch (info.first, info.dropFirst().first, info.count) {
        case ("sh", nil, 1): self = .commands
        case ("text", nil, 1): self = .text
        case ("json", nil, 1): self = .json
        case ("yaml", "other", 2): self = .otherYAML
        case ("yaml", "profile", 2...3): self = .profile(file: info.dropFirst(2).first)
        case ("yaml", "flow", 2...3): self = .flow(file: info.dropFirst(2).first)
        case ("yaml", "fragment", 2...3): self = .fragment(file: info.dropFirst(2).first)
        default: return nil
        }
    }
}
