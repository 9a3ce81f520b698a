import CCurl

/// Checks, before a run, that the target accepts connections at all, so an unreachable staging is reported as
/// one clear error instead of thousands of failed requests.
public enum Reachability {
    /// Connects (TCP, and TLS for https) to the URL's host and port without sending a request.
    /// Returns nil when it worked, else why not.
    public static func check(url: String, options: TransferOptions) -> TransferFailure? {
        Curl.initialize()
        let easy: EasyHandle
        do {
            easy = try EasyHandle(options: options)
            try easy.set(CURLOPT_URL, url)
            try easy.set(CURLOPT_CONNECT_ONLY, 1)
        } catch {
            return TransferFailure(kind: .other, code: error.code, message: error.message)
        }
        let code = curl_easy_perform(easy.raw)
        return easy.result(code: code).failure
    }
}
