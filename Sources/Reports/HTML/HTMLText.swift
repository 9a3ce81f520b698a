import Foundation

/// Text made safe for an HTML page: in element content and in double- or single-quoted attributes alike.
enum HTMLText {
    /// XML's escaping serves HTML too: `&`, `<`, `>` and both quotes, control characters replaced.
    static func escape(_ text: String) -> String { XMLText.escaped(text) }

    /// JSON to place inside `<script type="application/json">`: `<` is written `\u003c`, so no `</script>` or `<!--`
    /// in a step name can end or comment out the element (JSON reads the escape back as the same character).
    static func scriptJSON(_ value: some Encodable) -> String {
        JSONText.encode(value, pretty: false).replacingOccurrences(of: "<", with: "\\u003c")
    }
}
