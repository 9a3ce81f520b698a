import Scenario
import Yams

extension JSONValue {
    /// The value as YAML that reads back as the same JSON: numbers, `true`/`false` and `null` typed, strings
    /// quoted by Yams where YAML would read another type, objects and lists as block collections (or on one line
    /// with `inline`; empty ones always `{}` / `[]`). A scalar's tag is not written: how YAML reads it back
    /// depends on its text only, which ``YAMLText/number(_:)`` makes a number's.
    func yamlNode(inline: Bool) -> Node {
        switch self {
        case .null: Node("null", Tag(.null))
        case .bool(let b): Node(b ? "true" : "false", Tag(.bool))
        case .number: Node(YAMLText.number(self), Tag(.float), .plain)
        case .string(let s): YAMLTree.string(s)
        case .array(let items): YAMLTree.list(items.map { $0.yamlNode(inline: inline) }, flow: inline || items.isEmpty)
        case .object(let members):
            YAMLTree.map(members.map { ($0.0, $0.1.yamlNode(inline: inline)) }, flow: inline || members.isEmpty)
        }
    }
}
