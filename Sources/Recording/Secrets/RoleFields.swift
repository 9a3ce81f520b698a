import Scenario

/// Turns the credentials of the recorded user into role fields: a `--role-fields` name (e.g. `email`,
/// `password`) found anywhere a request names its values — a query parameter, a form or JSON field, a
/// `name=value` or `"name": "value"` pair in a raw body — becomes `{{role.email}}`, and the same recorded value
/// anywhere else (a path segment, a header, another query or body) becomes the same placeholder.
///
/// A field is one field wherever it is found: the first value recorded under a name is the user's; another value
/// under the same name (a colleague's address in an invitation form) is not theirs and is left to the other rules.
struct RoleFields {
    /// The requested field names, lower-cased.
    private let names: [String]
    /// Recorded value → role field.
    private var byValue: [String: String] = [:]
    /// Role field → its recorded value.
    private var valueOf: [String: String] = [:]
    /// Field names found in the recording, in the order found.
    private(set) var found: [String] = []

    init(names: [String]) {
        self.names = names.map { $0.lowercased() }.filter { !$0.isEmpty }
    }

    /// Rewrites every request: first each field found by name in all of them (so a value used before the login
    /// that names it is still found), then the same values wherever else they appear.
    mutating func rewrite(_ drafts: inout [DraftRequest]) {
        for i in drafts.indices { drafts[i].rewrite { byName($0) } }
        guard !byValue.isEmpty else { return }
        for i in drafts.indices { drafts[i].rewrite { byValue($0) } }
    }

    /// A named value of a requested field: the field's placeholder when it holds the field's value.
    private mutating func byName(_ site: ValueSite) -> Template? {
        switch site.kind {
        case .query, .bodyField:
            // A raw query keeps the recorded (encoded) bytes: only a value that needs no encoding is the same text.
            guard names.contains(site.name), !site.value.isEmpty, !site.value.contains("%") else { return nil }
            return note(site.name, site.value) ? Template(.role(site.name)) : nil
        case .rawBody:
            for (name, value) in RawBodyPairs.pairs(in: site.value) where names.contains(name) {
                _ = note(name, value)
            }
            return nil  // replaced by value, with every other known value, in the second pass
        case .path, .header:
            return nil
        }
    }

    /// Records `value` as the field's value when the field has none yet; whether it is the field's value.
    private mutating func note(_ field: String, _ value: String) -> Bool {
        if let known = valueOf[field] { return known == value }
        guard byValue[value] == nil else { return false }  // one value, one field
        valueOf[field] = value
        byValue[value] = field
        found.append(field)
        return true
    }

    /// A known value elsewhere: the whole value, or (in a raw body) every occurrence of it.
    private func byValue(_ site: ValueSite) -> Template? {
        if site.kind == .rawBody {
            var template = Template(literal: site.value)
            for (value, field) in byValue.sorted(by: { $0.key.count > $1.key.count }) where value.count >= 4 {
                template = template.replacing(value, with: .role(field))
            }
            return template.isLiteral ? nil : template
        }
        guard site.value.count >= 4, let field = byValue[site.value] else { return nil }
        return Template(.role(field))
    }
}

/// `name=value` and `"name": "value"` pairs in a body the import could not parse as JSON or a form (text/plain,
/// multipart, a JSON document with a templated part), with names lower-cased. Only values that read the same in
/// the body as sent (no escapes) are returned, since the placeholder takes the place of exactly those bytes.
enum RawBodyPairs {
    static func pairs(in text: String) -> [(name: String, value: String)] {
        formPairs(text) + jsonPairs(text)
    }

    /// `email=ada@example.test&password=…`, also one per line or after `;`.
    private static func formPairs(_ text: String) -> [(name: String, value: String)] {
        var out: [(String, String)] = []
        for piece in text.split(whereSeparator: { "&;\n\r".contains($0) }) {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let name = String(piece[..<equals]).trimming(" ")
            let value = String(piece[piece.index(after: equals)...])
            guard !name.isEmpty, !value.isEmpty, !value.contains("%"), !value.contains("+"),
                !value.contains(where: \.isWhitespace)
            else { continue }
            out.append((name.lowercased(), value))
        }
        return out
    }

    /// `"email": "ada@example.test"` (JSON-like text), values without escapes.
    private static func jsonPairs(_ text: String) -> [(name: String, value: String)] {
        var out: [(String, String)] = []
        let quoted = text.split(separator: "\"", omittingEmptySubsequences: false)
        // Quoted strings are the odd pieces: a name, then `:` between it and its quoted value.
        var i = 1
        while i + 2 < quoted.count {
            let between = String(quoted[i + 1]).trimming(" \t\n\r")
            if between == ":", !quoted[i].contains("\\"), !quoted[i + 2].contains("\\"), !quoted[i + 2].isEmpty {
                out.append((String(quoted[i]).lowercased(), String(quoted[i + 2])))
            }
            i += 2
        }
        return out
    }
}
