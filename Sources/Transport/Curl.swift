import CCurl
import Glibc

/// Process-wide libcurl set-up.
public enum Curl {
    /// Initialises libcurl once, before any worker thread starts (`curl_global_init` is not to be raced).
    /// Also ignores SIGPIPE: every handle sets `CURLOPT_NOSIGNAL`, so a write to a closed socket must not kill us.
    public static func initialize() {
        _ = once
    }

    private static let once: Void = {
        curl_global_init(Int(CURL_GLOBAL_ALL))
        signal(SIGPIPE, SIG_IGN)
        raiseFileLimit()
    }()

    /// Every virtual user keeps connections of its own, so a few hundred VUs pass Debian's default soft limit
    /// of 1,024 open files; take the hard limit instead (no privilege needed).
    private static func raiseFileLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }

    /// libcurl's version line, e.g. `libcurl/7.88.1 OpenSSL/3.0.15 …`.
    public static var version: String { String(cString: curl_version()) }
}
