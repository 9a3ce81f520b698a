/// An http(s) URL split into the parts the import rewrites: origin, path and query.
struct RecordedURL: Equatable {
    /// `http` or `https`.
    var scheme: String
    /// Lower-cased host; an IPv6 address keeps its brackets.
    var host: String
    /// The port when it is not the scheme's default.
    var port: Int?
    /// The path as recorded (percent-escapes kept), at least `/`.
    var path: String
    /// The query as recorded, without `?`; `nil` when there is none.
    var query: String?

    /// `https://staging.example.com:8443`.
    var origin: String { "\(scheme)://\(authority)" }

    /// `staging.example.com:8443`.
    var authority: String { port.map { "\(host):\($0)" } ?? host }

    /// The host without brackets or port, for site comparisons.
    var bareHost: String { host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host }

    /// Path and query as sent: `/api/tasks?limit=5`.
    var pathAndQuery: String { query.map { "\(path)?\($0)" } ?? path }

    /// Parses an absolute http(s) URL; user info and fragment are dropped. `nil` for other schemes (`data:`,
    /// `blob:`, `ws:`, `chrome-extension:`) and malformed text.
    static func parse(_ text: String) -> RecordedURL? {
        guard let schemeEnd = text.firstRange(of: "://") else { return nil }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        var rest = text[schemeEnd.upperBound...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        guard let (host, port) = splitAuthority(authority, scheme: scheme) else { return nil }
        var tail = rest[authorityEnd...]
        var query: String?
        if let mark = tail.firstIndex(of: "?") {
            query = String(tail[tail.index(after: mark)...])
            tail = tail[..<mark]
        }
        return RecordedURL(
            scheme: scheme, host: host, port: port, path: tail.isEmpty ? "/" : String(tail), query: query)
    }

    private static func splitAuthority(_ authority: Substring, scheme: String) -> (String, Int?)? {
        var host = authority
        var port: Int?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[...close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { port = Int(after.dropFirst()) }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            guard let number = Int(authority[authority.index(after: colon)...]) else { return nil }
            port = number
        }
        guard !host.isEmpty else { return nil }
        if port == (scheme == "https" ? 443 : 80) { port = nil }
        return (host.lowercased(), port)
    }
}
