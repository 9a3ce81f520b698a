import Scenario

/// One `name=value` piece of a query kept as recorded text (one with a `+`, or a parameter without `=`).
///
/// The bytes are sent exactly as recorded, but each value is still a ``Template``, so the rules that rewrite
/// values (secrets, roles, correlation, origins) reach it like any other parameter.
struct RawQueryPair {
    /// The name as recorded (still percent-encoded).
    var name: String
    /// Whether the piece had an `=` (`flag` alone has none).
    var hasValue: Bool
    /// The value as recorded (still percent-encoded).
    var value: Template

    /// The pieces of `text` split at `&`, each at its first `=`; empty pieces (`a=1&&b=2`) are kept.
    static func split(_ text: String) -> [RawQueryPair] {
        text.split(separator: "&", omittingEmptySubsequences: false).map { piece in
            guard let eq = piece.firstIndex(of: "=") else {
                return RawQueryPair(name: String(piece), hasValue: false, value: Template(literal: ""))
            }
            let value = String(piece[piece.index(after: eq)...])
            return RawQueryPair(name: String(piece[..<eq]), hasValue: true, value: Template(literal: value))
        }
    }

    /// The name percent-decoded (`+` as a space, as forms mean it), lower-cased: what the name rules look at.
    var decodedName: String {
        (FormEncoding.decode(name[...], plusAsSpace: true) ?? name).lowercased()
    }

    /// The query text with placeholders in place.
    static func join(_ pairs: [RawQueryPair]) -> Template {
        var parts: [Template.Part] = []
        for (i, pair) in pairs.enumerated() {
            parts.append(.literal((i > 0 ? "&" : "") + pair.name + (pair.hasValue ? "=" : "")))
            parts += pair.value.parts
        }
        return Template(parts: parts).merged
    }
}
