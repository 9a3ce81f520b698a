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
