/// The endpoints of `TestServer`, parsed from a request path (without its query string).
enum TestRoute: Equatable {
    /// `/ok`: 200 "ok".
    case ok
    /// `/delay/{ms}`: 200 after `ms` milliseconds.
    case delay(milliseconds: Int)
    /// `/status/{code}`: answers with that status.
    case status(code: Int)
    /// `/bytes/{n}`: a body of `n` bytes.
    case bytes(count: Int)
    /// `/drip/{n}/{ms}`: `n` bytes, one every `ms` milliseconds.
    case drip(count: Int, intervalMilliseconds: Int)
    /// `/close-mid-response`: promises 100 bytes, sends 10, closes.
    case closeMidResponse
    /// `/echo`: a JSON description of the request.
    case echo
    /// `/json`: a fixed JSON document plus an `X-Request-Id` header.
    case json
    /// `/token`: credentials as a login answers them (see `TestServer.Credentials`): a token and a JWT in the JSON
    /// body, an `X-Auth-Token` header and a session cookie; each holds `TestServer.Credentials.marker`.
    case token
    /// `/set-cookie`: sets `session=s1`.
    case setCookie
    /// `/needs-cookie`: 200 with cookie `session=s1`, else 401.
    case needsCookie
    /// `/stall-once/{ms}`: the first request stalls `ms`, later ones answer at once.
    case stallOnce(milliseconds: Int)
    /// `/pause/{atMs}/{ms}`: a server-wide pause, like a stop-the-world GC: `atMs` after the first `/pause` request
    /// the server stops answering `/pause` requests for `ms`; every one that arrives meanwhile is answered when
    /// the pause ends. Before and after, answers are immediate. Once per server.
    case pause(atMilliseconds: Int, milliseconds: Int)
    /// `/gzip/{n}`: `n` bytes of JSON-like text, gzip-compressed when the request's `Accept-Encoding` allows it
    /// (`Content-Encoding: gzip`), as a web server compresses JSON and HTML for browsers.
    case gzip(count: Int)
    /// `/server-timing/{ms}`: 200 after `ms` milliseconds with `Server-Timing: db;dur=<ms>, cache;desc="hit, or not"`
    /// (a database metric with a duration, one without).
    case serverTiming(milliseconds: Int)
    /// `/knee/{c}/{ms}`: a server with a knee at concurrency `c`: while at most `c` `/knee` requests are in flight
    /// each answers in 1 ms; past that, in `ms` (a pool of `c` that queues).
    case knee(concurrency: Int, milliseconds: Int)
    /// `/redirect/{n}`: 302 to `/redirect/{n-1}`; `/redirect/0` answers 200 "ok".
    case redirect(remaining: Int)
    /// `/redirect-see-other`: 303 to `/echo` (a POST becomes a GET there).
    case redirectSeeOther
    /// `/redirect-away`: 302 to `http://elsewhere.invalid/ok`, a host no test allows (never sent).
    case redirectAway
    /// Anything else (or a malformed number): 404.
    case notFound

    /// Largest body `/bytes` and `/drip` will produce, so a typo cannot exhaust memory.
    static let maxBodyBytes = 64 << 20

    init(path: String) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard let name = parts.first else {
            self = .notFound
            return
        }
        // Arguments are all non-negative integers; anything else is a 404 rather than a guess.
        let args = parts.dropFirst().compactMap { Int($0) }.filter { $0 >= 0 }
        guard args.count == parts.count - 1 else {
            self = .notFound
            return
        }
        self = Self.route(name: name, args: args)
    }

    private static func route(name: String, args: [Int]) -> TestRoute {
        switch (name, args.count) {
        case ("ok", 0): return .ok
        case ("close-mid-response", 0): return .closeMidResponse
        case ("echo", 0): return .echo
        case ("json", 0): return .json
        case ("token", 0): return .token
        case ("redirect", 1): return .redirect(remaining: args[0])
        case ("redirect-see-other", 0): return .redirectSeeOther
        case ("redirect-away", 0): return .redirectAway
        case ("set-cookie", 0): return .setCookie
        case ("needs-cookie", 0): return .needsCookie
        case ("delay", 1): return .delay(milliseconds: args[0])
        case ("status", 1) where (200...599).contains(args[0]): return .status(code: args[0])
        case ("bytes", 1) where args[0] <= maxBodyBytes: return .bytes(count: args[0])
        case ("drip", 2) where args[0] <= maxBodyBytes:
            return .drip(count: args[0], intervalMilliseconds: args[1])
        case ("knee", 2): return .knee(concurrency: args[0], milliseconds: args[1])
        case ("server-timing", 1): return .serverTiming(milliseconds: args[0])
        case ("gzip", 1) where args[0] <= maxBodyBytes: return .gzip(count: args[0])
        case ("stall-once", 1): return .stallOnce(milliseconds: args[0])
        case ("pause", 2): return .pause(atMilliseconds: args[0], milliseconds: args[1])
        default: return .notFound
        }
    }
}
