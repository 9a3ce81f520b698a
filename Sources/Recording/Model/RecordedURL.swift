import CurlURL

/// An http(s) URL split into the parts the import rewrites: origin, path and query. Parsed by libcurl
/// (``ParsedURL``), as the flow will be sent.
struct RecordedURL: Equatable {
    /// `http` or `https`.
    var scheme: String
    /// Lower-cased host; an IPv6 address keeps its brackets.
    var host: String
    /// The port when it is not the scheme's default.
    var port: Int?
    /// The path as libcurl sends it (percent-escapes kept), at least `/`.
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
    /// `blob:`, `ws:`, `chrome-extension:`) and for text libcurl would not send.
    static func parse(_ text: String) -> RecordedURL? {
        guard let url = ParsedURL(text) else { return nil }
        return RecordedURL(
            scheme: url.scheme, host: url.isIPv6 ? "[\(url.host)]" : url.host,
            port: url.hasDefaultPort ? nil : url.port,
            path: url.path, query: url.query)
    }
}
