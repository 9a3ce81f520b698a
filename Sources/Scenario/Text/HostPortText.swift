/// `HOST:PORT` as the command line takes it (`--serve`, `--listen`, `--upstream`): `127.0.0.1:9464`,
/// `0.0.0.0:9464`, `localhost:9464`, `[::1]:9464` (an IPv6 address needs the brackets).
public enum HostPortText {
    /// The host (without brackets) and the port, 0...65535 (0: any free port).
    /// - Throws: a `ParseFailure` that quotes the text and says what was expected.
    public static func parse(_ text: String) throws(ParseFailure) -> (host: String, port: Int) {
        let example = "expected HOST:PORT, e.g. 127.0.0.1:9464 (or [::1]:9464 for IPv6)"
        func fail(_ why: String) -> ParseFailure {
            ParseFailure("invalid address '\(text)': \(why); \(example)")
        }
        guard !text.contains("/") else { throw fail("a URL or path is not an address") }
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw fail("missing ']' after the IPv6 address") }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw fail("missing ':PORT' after ']'") }
            portText = rest.dropFirst()
            guard host.contains(":") else { throw fail("brackets are only for IPv6 addresses") }
        } else {
            guard let colon = text.lastIndex(of: ":") else { throw fail("missing ':PORT'") }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            if host.contains(":") { throw fail("an IPv6 address needs brackets") }
        }
        guard !host.isEmpty else { throw fail("missing HOST") }
        guard !host.contains(where: { $0.isWhitespace || $0 == "[" || $0 == "]" }) else {
            throw fail("'\(host)' is not a host name or address")
        }
        guard !portText.isEmpty else { throw fail("missing PORT") }
        guard portText.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(portText), port <= 65_535 else {
            throw fail("PORT must be a number from 0 to 65535, not '\(portText)'")
        }
        return (String(host), port)
    }
}
