import CCurl

/// What one virtual user keeps between requests, like one browser: its cookie jar, its connections, its DNS
/// and TLS session caches. Every easy handle of the user attaches to it.
///
/// Not `Sendable`: a share is used only on its worker's thread, so it needs no lock callbacks.
public final class ShareHandle {
    let raw: UnsafeMutableRawPointer

    public init() throws(CurlError) {
        guard let share = curl_share_init() else {
            throw CurlError(operation: "curl_share_init", code: -1, message: "out of memory")
        }
        raw = share
        // Not the DNS cache: users share their worker's (the multi handle's), so a host is resolved once per worker,
        // not once per user (a resolver thread each). libcurl 7.88 walks the whole cache after every transfer, so
        // nothing per user may land in it: source addresses are bound by the engine, not via CURLOPT_INTERFACE.
        for data in [CURL_LOCK_DATA_COOKIE, CURL_LOCK_DATA_CONNECT, CURL_LOCK_DATA_SSL_SESSION] {
            let code = ccurl_share_setopt_long(share, CURLSHOPT_SHARE, Int(data.rawValue))
            guard code == CURLSHE_OK else {
                curl_share_cleanup(share)
                throw CurlError(
                    operation: "share \(data)", code: Int(code.rawValue),
                    message: String(cString: curl_share_strerror(code)))
            }
        }
    }

    /// Socket registries whose close callbacks this share's cached connections call; released only after
    /// `curl_share_cleanup` has closed those connections.
    private var registries: [SocketRegistry] = []

    func keepAlive(_ registry: SocketRegistry) {
        if !registries.contains(where: { $0 === registry }) { registries.append(registry) }
    }

    deinit { curl_share_cleanup(raw) }
}
