import Yams

extension Node {
    /// A string scalar that reads back as a string: `"true"`, `"2"` and `""` are quoted, multi-line text is a
    /// literal block (files in a ConfigMap stay readable).
    static func text(_ value: String) -> Node {
        if value.contains("\n") { return Node(value, Tag(.str), .literal) }
        let plain = Node(value)
        let reads = Resolver.default.resolveTag(of: plain)
        return reads == .str && !value.isEmpty ? plain : Node(value, Tag(.str), .doubleQuoted)
    }

    static func int(_ value: Int) -> Node { Node(String(value), Tag(.int)) }

    static func bool(_ value: Bool) -> Node { Node(value ? "true" : "false", Tag(.bool)) }

    static func list(_ items: [Node]) -> Node { .sequence(Node.Sequence(items)) }
}
