extension Template {
    /// Parses `{{…}}` placeholders: `{{env.NAME}}`, `{{role.FIELD}}`, `{{vu}}`, `{{iteration}}` and
    /// `{{NAME}}` (a capture). Whitespace inside the braces is ignored (`{{ env.X }}`).
    /// An unterminated `{{`, an empty placeholder or a malformed name is an error.
    public static func parse(_ text: String) throws(ParseFailure) -> Template {
        var parts: [Part] = []
        var rest = text[...]
        while let open = rest.firstRange(of: "{{") {
            let literal = rest[..<open.lowerBound]
            if !literal.isEmpty { parts.append(.literal(String(literal))) }
            let inside = rest[open.upperBound...]
            guard let close = inside.firstRange(of: "}}") else {
                throw ParseFailure(
                    "unterminated \"{{\" — no closing \"}}\"", hint: "close the placeholder with }}, e.g. {{token}}")
            }
            let name = inside[..<close.lowerBound].trimmingSpaces()
            parts.append(.variable(try Variable.parse(name)))
            rest = inside[close.upperBound...]
        }
        if !rest.isEmpty { parts.append(.literal(String(rest))) }
        return Template(parts: parts)
    }

    /// Parses `text` when it may hold placeholders; plain text without `{{` skips the parser.
    static func parseIfNeeded(_ text: String) throws(ParseFailure) -> Template {
        text.utf8.contains(UInt8(ascii: "{")) ? try parse(text) : Template(literal: text)
    }
}

extension Variable {
    /// Parses the inside of a placeholder (already trimmed): `env.NAME`, `role.FIELD`, `vu`, `iteration`, `NAME`.
    public static func parse(_ name: Substring) throws(ParseFailure) -> Variable {
        if name.isEmpty {
            throw ParseFailure("empty placeholder \"{{}}\"", hint: "write a variable name, e.g. {{token}}")
        }
        switch name {
        case "vu": return .vu
        case "iteration": return .iteration
        case "arrival": return .arrival
        default: break
        }
        let pieces = name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        if pieces.count == 1 {
            try checkIdentifier(name, whole: name)
            return .capture(String(name))
        }
        let (space, rest) = (pieces[0], pieces[1])
        try checkIdentifier(rest, whole: name)
        switch space {
        case "env": return .env(String(rest))
        case "role": return .role(String(rest))
        default:
            throw ParseFailure(
                "unknown variable \"{{\(name)}}\"",
                hint:
                    "use {{env.NAME}}, {{role.FIELD}}, {{vu}}, {{iteration}}, {{arrival}} or a capture name like {{token}}"
            )
        }
    }

    /// Names are letters, digits, `_` and `-`.
    static func isIdentifier(_ text: Substring) -> Bool {
        !text.isEmpty
            && text.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
                    || $0 == "-"
            }
    }

    private static func checkIdentifier(_ text: Substring, whole: Substring) throws(ParseFailure) {
        guard isIdentifier(text) else {
            throw ParseFailure(
                "bad placeholder \"{{\(whole)}}\"",
                hint: "variable names use letters, digits, _ and -, e.g. {{env.API_KEY}} or {{role.email}}")
        }
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> Substring {
        var s = self
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return s
    }
}
