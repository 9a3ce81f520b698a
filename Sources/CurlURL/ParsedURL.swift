import CCurl

/// An absolute http(s) URL as libcurl reads it when it sends.
///
/// Every URL the project parses — the allow-list check at load time and at run time, the step URL join, the
/// network-emulation upstreams, the importer — goes through this one parser, which is libcurl's `curl_url()`:
/// a security check that parsed differently from the sender could approve one host and send to another.
public struct ParsedURL: Sendable, Equatable {
    /// `http` or `https`.
    public var scheme: String
    /// The host libcurl connects to, in one spelling: lower case, IDN in punycode, an IPv6 address without
    /// brackets (or zone), an IPv4 address in dotted decimal (`127.1` → `127.0.0.1`, as curl rewrites it),
    /// without a trailing dot (`example.com.` is `example.com`, as curl strips it after resolving).
    public var host: String
    /// The port written in the URL, else the scheme's (80, 443).
    public var port: Int
    /// Whether the URL writes a port, even the default one.
    public var hasExplicitPort: Bool
    /// The path as curl sends it (percent-escapes kept, dot segments resolved), at least `/`.
    public var path: String
    /// The query without `?`; `nil` when there is none.
    public var query: String?
    /// The fragment without `#` (never sent); `nil` when there is none.
    public var fragment: String?
    /// Whether the URL carries `user[:password]@` (never shown: see ``URLText/withoutUserInfo(_:)``).
    public var hasUserInfo: Bool
}

extension ParsedURL {
    /// Parses `text`; `nil` for anything but a well-formed absolute http or https URL.
    public init?(_ text: String) {
        guard let url = try? Self.parse(text) else { return nil }
        self = url
    }

    /// Parses `text`, or says why it is not a well-formed absolute http or https URL.
    public static func parse(_ text: String) throws(URLParseError) -> ParsedURL {
        let handle = try URLHandle(text)
        let scheme = (handle.get(CURLUPART_SCHEME) ?? "").lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw URLParseError("the scheme is \(scheme), not http or https")
        }
        // The host as curl connects to it: IDN converted as curl converts it before resolving.
        guard let host = handle.get(CURLUPART_HOST, flags: CURLU_PUNYCODE) else {
            throw URLParseError("libcurl cannot convert the host name to ASCII (IDN; it needs a UTF-8 locale)")
        }
        let port = handle.get(CURLUPART_PORT, flags: CURLU_DEFAULT_PORT).flatMap { Int($0) }
        return ParsedURL(
            scheme: scheme, host: normalizedHost(host), port: port ?? (scheme == "https" ? 443 : 80),
            hasExplicitPort: handle.get(CURLUPART_PORT) != nil, path: handle.get(CURLUPART_PATH) ?? "/",
            query: handle.get(CURLUPART_QUERY), fragment: handle.get(CURLUPART_FRAGMENT),
            hasUserInfo: handle.get(CURLUPART_USER) != nil || handle.get(CURLUPART_PASSWORD) != nil)
    }

    /// Whether ``host`` is an IPv6 address (written in brackets in a URL).
    public var isIPv6: Bool { host.contains(":") }

    /// Whether ``port`` is the scheme's default (80 for http, 443 for https).
    public var hasDefaultPort: Bool { port == (scheme == "https" ? 443 : 80) }

    /// A host as curl gives it, in the one spelling ``host`` documents.
    static func normalizedHost(_ host: String) -> String {
        var text = host.lowercased()
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        if text.count > 1, text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
