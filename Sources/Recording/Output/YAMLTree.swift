import Yams

/// Builds the YAML the importer writes as a Yams node tree and emits it with Yams (libyaml): the library decides
/// how each scalar is quoted, so a value is never misread (`yes`, `0123`, `1e3`, `: `, `#`, a leading `*`, `&`,
/// `!`, `@`, `` ` ``, `{{…}}`), and mappings keep the key order they are given.
enum YAMLTree {
    /// A string scalar: plain where YAML reads it back as the same string, else quoted by Yams. Text over
    /// several lines is a literal block (`|`) where YAML allows one, so bodies stay readable.
    static func string(_ text: String) -> Node {
        var scalar = text.represented()
        if scalar.style == .any, text.contains("\n") { scalar.style = .literal }
        return .scalar(scalar)
    }

    /// An integer scalar (a status code, a count).
    static func int(_ value: Int) -> Node {
        Node(String(value), Tag(.int))
    }

    /// A mapping in the given key order; `flow` writes it on one line (`{json: $.token}`).
    static func map(_ pairs: [(String, Node)], flow: Bool = false) -> Node {
        .mapping(Node.Mapping(pairs.map { (string($0.0), $0.1) }, .implicit, flow ? .flow : .block))
    }

    /// A list; `flow` writes it on one line (`[200, 201]`).
    static func list(_ items: [Node], flow: Bool = false) -> Node {
        .sequence(Node.Sequence(items, .implicit, flow ? .flow : .block))
    }

    /// The document text: `comments` as `#` lines first (a line break or control character inside one is
    /// written as a space, so a comment cannot end early), then the tree, one value per line however long (no
    /// folding). libyaml fails only on an event sequence a tree cannot produce; the error is passed on anyway.
    static func document(_ root: Node, comments: [String] = []) throws -> String {
        let header = comments.map { line -> String in
            let flat = String(line.unicodeScalars.map { isCommentSafe($0) ? Character($0) : " " })
            return flat.isEmpty ? "#" : "# \(flat)"
        }
        let body = try Yams.serialize(node: root, indent: 2, width: -1, allowUnicode: true)
        return (header.isEmpty ? "" : header.joined(separator: "\n") + "\n") + body
    }

    private static func isCommentSafe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " "
            || !(scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
                || scalar.value == 0xFEFF)
    }
}
