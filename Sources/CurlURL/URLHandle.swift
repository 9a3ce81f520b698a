import CCurl

/// One libcurl URL handle (`CURLU`): the parser libcurl itself uses when it sends, so what is checked here is
/// what goes out. Short-lived: made, read and freed within one call of this module's API.
///
/// Not `Sendable`: a handle is used by one thread, and only inside this module.
final class URLHandle {
    private let raw: OpaquePointer

    /// Parses `text` as an absolute URL with the parser `CURLOPT_URL` uses: any scheme is read (so a `file:` or
    /// `ftp:` URL is recognised, and refused by the caller, not misread), nothing is re-encoded. Unlike
    /// `CURLOPT_URL`, no scheme is guessed (`example.com/x`, which libcurl would send as http, is no URL here), so
    /// whatever passes names its scheme, and libcurl's guessing never applies to it.
    init(_ text: String) throws(URLParseError) {
        // A C string ends at NUL: libcurl would read (and send) only the text before it.
        guard !text.utf8.contains(0) else { throw URLParseError("the URL holds a NUL character") }
        guard let handle = curl_url() else { throw URLParseError("out of memory") }
        raw = handle
        let code = curl_url_set(raw, CURLUPART_URL, text, UInt32(CURLU_NON_SUPPORT_SCHEME))
        guard code == CURLUE_OK else { throw URLParseError(code) }
    }

    deinit { curl_url_cleanup(raw) }

    /// One part of the URL; `nil` when the URL has none (no query, no user, …) or curl cannot give it.
    func get(_ part: CURLUPart, flags: Int32 = 0) -> String? {
        try? getOrThrow(part, flags: flags)
    }

    /// One part of the URL; throws curl's reason when it cannot give it (a host name IDN cannot convert).
    func getOrThrow(_ part: CURLUPart, flags: Int32 = 0) throws(URLParseError) -> String {
        var value: UnsafeMutablePointer<CChar>?
        let code = curl_url_get(raw, part, &value, UInt32(flags))
        defer { curl_free(value) }
        guard code == CURLUE_OK, let value else { throw URLParseError(code) }
        return String(cString: value)
    }

    /// Clears one part (`nil`) or sets it to text curl must not re-encode.
    func set(_ part: CURLUPart, _ value: String?) throws(URLParseError) {
        let code = curl_url_set(raw, part, value, 0)
        guard code == CURLUE_OK else { throw URLParseError(code) }
    }
}
