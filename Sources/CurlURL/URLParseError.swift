import CCurl

/// Why a text is not a URL the engine may send: libcurl's own reason (`curl_url_strerror`), or a scheme other
/// than http and https. Never quotes the URL, which may hold a secret.
public struct URLParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in libcurl's words where libcurl found it (`Bad hostname`).
    public var message: String
    /// libcurl's `CURLUcode`, or -1 when the refusal is ours.
    let code: Int

    init(_ message: String) {
        self.message = message
        code = -1
    }

    init(_ code: CURLUcode) {
        message = String(cString: curl_url_strerror(code))
        self.code = Int(code.rawValue)
    }

    public var description: String { message }
}
