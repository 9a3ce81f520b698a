import Foundation

/// Text made safe for an HTML page: in element content and in double- or single-quoted attributes alike.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// JSON to place inside `<script type="application/json">`: `<` is written `\u003c`, so no `</script>` or `<!--`
    /// in a step name can end or comment out the element (JSON reads the escape back as the same character).
    static func scriptJSON(_ value: some Encodable) -> String {
        JSONText.encode(value, pretty: false).replacingOccurrences(of: "<", with: "\\u003c")
    }

    /// `<tag class="…">text</tag>` with the text escaped.
    static func element(_ tag: String, _ text: String, class cls: String? = nil) -> String {
        let attribute = cls.map { " class=\"\($0)\"" } ?? ""
        return "<\(tag)\(attribute)>\(escape(text))</\(tag)>"
    }

    /// An id usable in HTML and CSS selectors, from any name: `home › tasks` → `home-tasks`.
    static func slug(_ text: String) -> String {
        var out = ""
        for c in text.lowercased() {
            if c.isASCII && (c.isLetter || c.isNumber) {
                out.append(c)
            } else if out.last != "-" {
                out.append("-")
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "x" : out
    }
}
