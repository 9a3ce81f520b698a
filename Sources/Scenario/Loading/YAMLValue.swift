import Yams

/// A YAML node together with its file and dotted field path, so every problem can be reported as
/// `file:line:column: error: field: message`.
struct YAMLValue {
    let node: Node
    let file: String
    /// Dotted path from the document root, e.g. `roles.user.fields.email` or `steps[2].post`.
    let path: String

    var location: SourceLocation? {
        node.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
    }

    /// An error located at this node.
    func error(_ message: String, hint: String? = nil) -> ScenarioError {
        ScenarioError(at: location, file: file, field: path, message: message, hint: hint)
    }

    /// The value of mapping key `key` (path `path.key`).
    func child(_ node: Node, key: String) -> YAMLValue {
        YAMLValue(node: node, file: file, path: path.isEmpty ? key : "\(path).\(key)")
    }

    /// The element `index` of a list (path `path[index]`).
    func element(_ node: Node, index: Int) -> YAMLValue {
        YAMLValue(node: node, file: file, path: "\(path)[\(index)]")
    }

    /// Whether the node is an empty value or `null`/`~`.
    var isNull: Bool {
        if case .scalar = node { return tagName == Tag.Name.null.rawValue }
        return false
    }

    var tagName: String { node.tag.description }

    /// "\"ten\"", "a mapping", "a list" or "nothing", for "expected X, found Y" messages.
    var foundDescription: String {
        switch node {
        case .scalar(let scalar) where !isNull:
            let text = scalar.string
            return "\"" + (text.count > 40 ? String(text.prefix(37)) + "..." : text) + "\""
        case .scalar: return "nothing"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// A type mismatch error: `expected an integer, found "ten"`.
    func typeError(_ expected: String, hint: String? = nil) -> ScenarioError {
        var hint = hint
        if hint == nil, case .mapping = node, expected.contains("string") {
            hint = "put quotes around values that start with {{, e.g. \"{{token}}\""
        }
        return error("expected \(expected), found \(foundDescription)", hint: hint)
    }
}

/// Parsing a YAML document into a root ``YAMLValue``.
enum YAMLDocument {
    /// Composes `yaml`; a syntax error becomes a located ``ScenarioError``. An empty document is a null node.
    static func root(yaml: String, file: String) throws(ScenarioError) -> YAMLValue {
        if let control = yaml.unicodeScalars.first(where: { $0.value < 0x20 && !"\t\n\r".unicodeScalars.contains($0) })
        {
            let reason = control == "\0" ? "it holds NUL bytes" : "it holds control characters (U+\(hex(control)))"
            throw ScenarioError(
                file: file, message: "not a text YAML file: \(reason) (a binary file?)",
                hint: "profiles and flows are UTF-8 YAML text")
        }
        if let place = YAMLExpansion.overflow(
            in: yaml, maxNodes: InputLimits.maxYAMLNodes, maxBytes: InputLimits.maxYAMLScalarBytes)
        {
            throw ScenarioError(
                file: file, line: place.line, column: place.column,
                message: "the document grows past \(InputLimits.format(InputLimits.maxYAMLNodes)) nodes or "
                    + "\(InputLimits.maxYAMLScalarBytes >> 20) MB of text once its aliases (*name) are expanded",
                hint: "an alias repeats its anchor's whole value; use fewer aliases of large values")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw ScenarioError(file: file, message: "malformed YAML: \(error)")
        }
        return YAMLValue(node: node ?? Node("", Tag(.null)), file: file, path: "")
    }

    private static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Turns a Yams error into a located error; never includes the document text.
    static func syntaxError(_ error: YamlError, file: String) -> ScenarioError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { " (\($0.text))" } ?? ""
            return ScenarioError(
                file: file, line: mark.line, column: mark.column, message: "malformed YAML: \(problem)\(detail)",
                hint: "check the indentation and quoting near this line")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            return ScenarioError(
                file: file, line: context.mark.line, column: context.mark.column,
                message: "duplicate key \(names)", hint: "each key may appear once in a mapping")
        case .reader(let problem, _, _, _):
            return ScenarioError(file: file, message: "unreadable YAML: \(problem)", hint: "save the file as UTF-8")
        default:
            return ScenarioError(file: file, message: "malformed YAML")
        }
    }
}
