/// What a header line may hold: a name that is an HTTP token, a value on one line. A CR or LF in either would
/// end the line and start another header (or the body) of the attacker's choosing; a NUL cuts it short in C.
public enum HeaderText {
    /// Whether `text` holds a CR, an LF or a NUL: it cannot be put into a header line (or a method) as it is.
    public static func breaksLine(_ text: some StringProtocol) -> Bool {
        text.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }
    }

    /// Why `name` cannot be a header name (RFC 9110 token characters only), or `nil` when it can.
    public static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "a header name cannot be empty" }
        if breaksLine(name) { return "a header name cannot hold a line break or NUL" }
        guard let bad = name.unicodeScalars.first(where: { !isTokenCharacter($0) }) else { return nil }
        return bad == ":" || bad == " "
            ? "a header name cannot hold \"\(bad)\"" : "a header name holds a character HTTP does not allow"
    }

    /// The first line-breaking header line of a rendered request: `X-Test` of `X-Test: a\r\nX-Injected: yes`.
    public static func firstBrokenLine(_ lines: [String]) -> String? {
        lines.first(where: breaksLine).map { line in
            String(line.prefix { $0 != ":" && $0 != "\r" && $0 != "\n" && $0 != "\0" })
        }
    }

    private static func isTokenCharacter(_ c: Unicode.Scalar) -> Bool {
        c.isASCII
            && (c.properties.isAlphabetic || ("0"..."9").contains(c) || "!#$%&'*+-.^_`|~".unicodeScalars.contains(c))
    }
}
