/// Which recorded request headers a flow keeps.
///
/// Dropped: what libcurl or the engine sets itself (`Host`, `Content-Length`, `Connection`, `Accept-Encoding`
/// — a kept `Accept-Encoding` would bring compressed bodies the checks cannot read), what only a browser
/// sends (`Sec-*`, `Priority`, `Upgrade-Insecure-Requests`, `User-Agent`, `X-Client-Data`), and conditional
/// and cache headers (`If-None-Match`, `If-Modified-Since`, `Cache-Control`), which would turn recorded 200s
/// into 304s or the reverse; and `Referer`, whose recorded URL may carry a token in its query. `Content-Type`
/// goes with the body. Cookies are handled by ``CookieRules``.
enum HeaderRules {
    private static let dropped: Set<String> = [
        "host", "content-length", "connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
        "accept-encoding", "priority", "upgrade-insecure-requests", "if-none-match", "if-modified-since",
        "if-unmodified-since", "if-range", "cache-control", "pragma", "user-agent", "dnt", "purpose",
        "x-client-data", "proxy-connection", "expect", "content-type", "cookie", "range", "referer",
    ]

    /// One header per name (names compare without case): a flow's `headers:` is a mapping, so a repeated header
    /// (`-H 'A: 1' -H 'A: 2'`) is sent once with the values joined by `, `, as HTTP reads repeated fields.
    static func merged(_ headers: [HTTPField]) -> [HTTPField] {
        var out: [HTTPField] = []
        for header in headers {
            if let i = out.firstIndex(where: { $0.name.lowercased() == header.name.lowercased() }) {
                out[i].value += ", " + header.value
            } else {
                out.append(header)
            }
        }
        return out
    }

    static func keeps(_ name: String) -> Bool {
        let lower = name.lowercased()
        return !lower.hasPrefix(":") && !lower.hasPrefix("sec-") && !lower.hasPrefix("x-devtools")
            && !dropped.contains(lower)
    }
}

/// Cookies in a recorded `Cookie` header: those a server set during the recording are left to the virtual
/// user's cookie jar, analytics cookies are dropped, the rest are kept (and scrubbed like other secrets).
enum CookieRules {
    private static let analyticsPrefixes = [
        "_ga", "_gid", "_gat", "_gcl", "_fbp", "_fbc", "_hj", "ajs_", "mp_", "amplitude", "_clck", "_clsk", "__utm",
        "_uet", "intercom-", "_pk_", "_dc_gtm", "optimizely", "__hs", "hubspotutk", "_tt_", "_scid",
    ]

    /// The `Cookie` header to send, or `nil` when no cookie is left.
    static func kept(_ header: String, serverCookies: Set<String>) -> String? {
        let pairs = CookieText.pairs(header).filter { pair in
            !serverCookies.contains(pair.name) && !analyticsPrefixes.contains { pair.name.lowercased().hasPrefix($0) }
        }
        return pairs.isEmpty ? nil : pairs.map { "\($0.name)=\($0.value)" }.joined(separator: "; ")
    }
}
