extension JSONPath {
    /// Parses `$`, `.key`, `['key']` / `["key"]` and `[index]` (negative counts from the end),
    /// e.g. `$.items[0].id` or `$['odd key'][-1]`.
    public static func parse(_ text: String) throws(ParseFailure) -> JSONPath {
        let chars = Array(text)
        guard chars.first == "$" else {
            throw ParseFailure(
                "bad JSON path \"\(text)\" — it must start with $", hint: "e.g. $.token or $.items[0].id")
        }
        var components: [Component] = []
        var i = 1
        while i < chars.count {
            switch chars[i] {
            case ".":
                let key = dottedKey(chars, from: i + 1)
                guard !key.isEmpty else { throw failure(text, "expected a key after \".\"") }
                components.append(.key(key))
                i += 1 + key.count
            case "[":
                let (component, next) = try bracket(chars, from: i + 1, text: text)
                components.append(component)
                i = next
            default:
                throw failure(text, "unexpected \"\(chars[i])\"")
            }
        }
        return JSONPath(text: text, components: components)
    }

    /// The value at the path, or `nil` when a key or index is missing or the shape does not match.
    public func evaluate(in value: JSONValue) -> JSONValue? {
        var current = value
        for component in components {
            switch (component, current) {
            case (.key(let key), .object(let members)):
                guard let member = members.first(where: { $0.0 == key }) else { return nil }
                current = member.1
            case (.index(let i), .array(let items)):
                let position = i < 0 ? items.count + i : i
                guard items.indices.contains(position) else { return nil }
                current = items[position]
            default:
                return nil
            }
        }
        return current
    }

    private static func failure(_ text: String, _ problem: String) -> ParseFailure {
        ParseFailure(
            "bad JSON path \"\(text)\" — \(problem)",
            hint: "paths use $, .key, ['key'] and [index], e.g. $.items[0].id")
    }

    private static func dottedKey(_ chars: [Character], from start: Int) -> String {
        var end = start
        while end < chars.count, chars[end] != ".", chars[end] != "[" { end += 1 }
        return String(chars[start..<end])
    }

    /// Parses the inside of `[...]` starting after `[`; returns the component and the index after `]`.
    private static func bracket(_ chars: [Character], from start: Int, text: String) throws(ParseFailure)
        -> (Component, Int)
    {
        guard start < chars.count else { throw failure(text, "unterminated \"[\"") }
        if chars[start] == "'" || chars[start] == "\"" {
            return try quotedKey(chars, from: start, text: text)
        }
        var end = start
        while end < chars.count, chars[end] != "]" { end += 1 }
        guard end < chars.count else { throw failure(text, "unterminated \"[\"") }
        guard let index = Int(String(chars[start..<end])) else {
            throw failure(text, "expected an index or a quoted key in [ ]")
        }
        return (.index(index), end + 1)
    }

    private static func quotedKey(_ chars: [Character], from start: Int, text: String) throws(ParseFailure)
        -> (Component, Int)
    {
        let quote = chars[start]
        var key = ""
        var i = start + 1
        while i < chars.count, chars[i] != quote {
            if chars[i] == "\\", i + 1 < chars.count { i += 1 }
            key.append(chars[i])
            i += 1
        }
        guard i + 1 < chars.count, chars[i + 1] == "]" else {
            throw failure(text, "unterminated quoted key")
        }
        return (.key(key), i + 2)
    }
}
