extension Body {
    /// The bytes to send and their content type.
    /// - `raw`: the rendered template with its content type (if any). When that type is JSON (`application/json`
    ///   or `…+json`), a placeholder inside a JSON string is JSON-escaped and one outside a string (a number, say)
    ///   is inserted as it is, so `{"org": {{org_id}}, "password": "{{role.password}}"}` stays valid JSON whatever
    ///   the password holds.
    /// - `json`: compact JSON; placeholders inside string values are expanded and the inserted values are
    ///   JSON-escaped (a `"` in a password cannot break the document). Sent as `application/json`.
    /// - `form`: `a=1&b=2`, percent-encoded (space as `+`), sent as `application/x-www-form-urlencoded`.
    public func render(_ lookup: (Variable) -> String?) -> (bytes: [UInt8], contentType: String?) {
        switch self {
        case .raw(let template, let contentType):
            guard let contentType, Self.isJSON(contentType), !template.isLiteral else {
                return (Array(template.render(lookup).utf8), contentType)
            }
            return (Array(Self.renderJSONText(template, lookup: lookup).utf8), contentType)
        case .json(let value):
            var out = ""
            Self.writeJSON(value, lookup: lookup, to: &out)
            return (Array(out.utf8), "application/json")
        case .form(let items):
            return (PercentEncoding.pairs(items, formSpaces: true, lookup: lookup), "application/x-www-form-urlencoded")
        }
    }

    /// `application/json`, `application/vnd.api+json; charset=utf-8`, …
    static func isJSON(_ contentType: String) -> Bool {
        let type = contentType.split(separator: ";").first.map { $0.trimmingSpaces().lowercased() } ?? ""
        return type == "application/json" || type.hasSuffix("+json")
    }

    /// Renders JSON text written as a template: tracks whether each placeholder sits inside a JSON string (after
    /// an odd number of unescaped quotes) and escapes its value there.
    private static func renderJSONText(_ template: Template, lookup: (Variable) -> String?) -> String {
        var out = ""
        var inString = false
        var escaped = false
        for part in template.parts {
            switch part {
            case .literal(let text):
                out += text
                for byte in text.utf8 {
                    if escaped {
                        escaped = false
                    } else if byte == UInt8(ascii: "\\") {
                        escaped = inString
                    } else if byte == UInt8(ascii: "\"") {
                        inString.toggle()
                    }
                }
            case .variable(let v):
                let value = lookup(v) ?? ""
                if inString { JSONValue.writeEscaped(value, to: &out) } else { out += value }
            }
        }
        return out
    }

    /// Writes compact JSON, expanding templates in string values.
    private static func writeJSON(_ value: JSONValue, lookup: (Variable) -> String?, to out: inout String) {
        switch value {
        case .string(let text):
            writeTemplatedString(text, lookup: lookup, to: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                writeJSON(item, lookup: lookup, to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, (key, member)) in members.enumerated() {
                if i > 0 { out += "," }
                JSONValue.writeQuoted(key, to: &out)
                out += ":"
                writeJSON(member, lookup: lookup, to: &out)
            }
            out += "}"
        default:
            value.write(to: &out)
        }
    }

    /// A JSON string whose placeholders are expanded. The loader validated the template, so parsing here
    /// cannot fail; strings without `{{` take the fast path and are not parsed at all.
    private static func writeTemplatedString(_ text: String, lookup: (Variable) -> String?, to out: inout String) {
        guard text.utf8.contains(UInt8(ascii: "{")), let template = try? Template.parse(text) else {
            JSONValue.writeQuoted(text, to: &out)
            return
        }
        out += "\""
        for part in template.parts {
            switch part {
            case .literal(let s): JSONValue.writeEscaped(s, to: &out)
            case .variable(let v): JSONValue.writeEscaped(lookup(v) ?? "", to: &out)
            }
        }
        out += "\""
    }
}
