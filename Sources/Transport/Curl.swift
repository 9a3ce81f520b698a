import CCurl
import Foundation
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

    /// libcurl's own name of an easy option, e.g. `CURLOPT_TIMEOUT_MS`, for error messages (from its option
    /// table, `curl_easy_option_by_id`, so no list of ours can drift).
    public static func name(of option: CURLoption) -> String {
        guard let entry = curl_easy_option_by_id(option), let name = entry.pointee.name else {
            return "option \(option.rawValue)"
        }
        return "CURLOPT_" + String(cString: name)
    }

    /// `Accept-Encoding` reduced to the codings this libcurl decodes (a recorded `zstd` with a libcurl built
    /// without it would fail every response with "Unrecognized content encoding"); nil when none is left.
    public static func decodable(_ acceptEncoding: String?) -> String? {
        guard let acceptEncoding else { return nil }
        // Every handle asks this on its first request, most with the default: worked out once (splitting and
        // trimming through Foundation costs ~70k instructions: 0.7 billion at start-up for 10,000 users).
        if acceptEncoding == TransferOptions.browserAcceptEncoding { return browserDecodable }
        return reduced(acceptEncoding)
    }

    private static let browserDecodable = reduced(TransferOptions.browserAcceptEncoding)

    private static func reduced(_ acceptEncoding: String) -> String? {
        if acceptEncoding.isEmpty { return acceptEncoding }
        let kept = acceptEncoding.split(separator: ",").filter { item in
            let coding = item.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            return decodings.contains(coding)
        }
        return kept.isEmpty ? nil : kept.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
    }

    /// Content codings this libcurl can decode.
    static let decodings: Set<String> = {
        var codings: Set<String> = ["identity", "*"]
        guard let info = ccurl_version_info() else { return codings }
        let features = info.pointee.features
        if features & CURL_VERSION_LIBZ != 0 { codings.formUnion(["gzip", "deflate", "x-gzip"]) }
        if features & CURL_VERSION_BROTLI != 0 { codings.insert("br") }
        if features & CURL_VERSION_ZSTD != 0 { codings.insert("zstd") }
        return codings
    }()

    /// libcurl's version line, e.g. `libcurl/7.88.1 OpenSSL/3.0.15 …`.
    public static var version: String { String(cString: curl_version()) }

    /// `libcurl/7.88.1`: libcurl's own part of the version line.
    public static var shortVersion: String {
        version.split(separator: " ").first.map(String.init) ?? "libcurl"
    }
}
