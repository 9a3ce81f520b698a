/// A string with `{{…}}` placeholders, parsed once when the flow is loaded.
///
/// Variables: `{{env.NAME}}` (process environment), `{{role.FIELD}}` (the virtual user's role),
/// `{{NAME}}` (a capture from an earlier step), `{{vu}}` and `{{iteration}}` (numbers), and `{{arrival}}` (an open
/// model's arrival number in its scenario's schedule, the same however the run is split into segments).
public struct Template: Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Part: Sendable, Equatable, Codable {
        case literal(String)
        case variable(Variable)
    }

    public var parts: [Part]

    public init(parts: [Part]) { self.parts = parts }

    /// A template with no placeholders.
    public init(literal: String) { self.parts = literal.isEmpty ? [] : [.literal(literal)] }

    /// The variables the template reads, in order of appearance.
    public var variables: [Variable] {
        parts.compactMap { if case .variable(let v) = $0 { v } else { nil } }
    }

    /// Whether the template is plain text.
    public var isLiteral: Bool { variables.isEmpty }

    /// Expands the placeholders; a variable the lookup does not know expands to the empty string.
    public func render(_ lookup: (Variable) -> String?) -> String {
        var out = ""
        for part in parts {
            switch part {
            case .literal(let s): out += s
            case .variable(let v): out += lookup(v) ?? ""
            }
        }
        return out
    }

    /// The source form, with placeholders written back as `{{…}}`.
    public var description: String {
        parts.map {
            switch $0 {
            case .literal(let s): s
            case .variable(let v): "{{\(v)}}"
            }
        }.joined()
    }
}

/// A placeholder's meaning.
public enum Variable: Sendable, Hashable, Codable, CustomStringConvertible {
    case env(String)
    case role(String)
    case capture(String)
    case vu
    case iteration
    /// 1-based number of the open-model arrival that started the iteration; empty in closed models.
    case arrival

    public var description: String {
        switch self {
        case .env(let n): "env.\(n)"
        case .role(let n): "role.\(n)"
        case .capture(let n): n
        case .vu: "vu"
        case .iteration: "iteration"
        case .arrival: "arrival"
        }
    }
}
