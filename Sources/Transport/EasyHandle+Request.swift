import CCurl

extension EasyHandle {
    /// Points the handle at a new request, setting only what differs from the previous one.
    public func prepare(_ request: HTTPRequest) throws(CurlError) {
        ccurl_buffer_clear(body)
        ccurl_buffer_clear(header)
        body.pointee.limit = request.keepBodyBytes
        header.pointee.limit = request.keepHeaders ? 64 * 1024 : 0
        keepHeaders = request.keepHeaders
        errorBuffer.pointee = 0
        if request.url != lastURL {  // a VU often repeats one
            try setURL(request.url)
            lastURL = request.url
            try setPipeWait(allowHTTP2 && Self.isHTTPS(request.url))
        }
        // Browsers send `Content-Length: 0` with a bodiless POST, PUT or PATCH; an empty body does that.
        let body = request.body ?? (Self.hasBody(request.method) ? [] : nil)
        try setMethod(request.method, body: body)
        try setAcceptEncoding(asked: request.acceptEncoding ?? defaultAcceptEncoding)
        let tracing = request.traceParent != nil
        // An empty ask goes as an empty header: left to libcurl it would mean "every coding libcurl has".
        let encoding = acceptEncoding
        if let key = headerListKey, key.lines == request.headerLines, key.tracing == tracing,
            key.expect == (body != nil), key.encoding == encoding
        {
            // The list as built: nothing to set (the usual case, compared field by field without a copy of the key).
        } else {
            try setHeaders(
                HeaderListKey(lines: request.headerLines, tracing: tracing, expect: body != nil, encoding: encoding))
        }
        if let trace = request.traceParent, let traceLine { trace.write(into: traceLine) }
        let timeout = request.timeoutMilliseconds ?? defaultTimeoutMilliseconds
        if timeout != timeoutMilliseconds {
            try set(CURLOPT_TIMEOUT_MS, timeout)
            timeoutMilliseconds = timeout
        }
    }

    /// Hands libcurl the URL already parsed (`CURLOPT_CURLU`): given as text (`CURLOPT_URL`), libcurl 7.88 parses
    /// it and prints it back for every transfer, a fifth of its instructions per request on a small response. The
    /// handle keeps the parsed URL alive (libcurl does not copy it). A URL libcurl's parser refuses goes as text,
    /// so the transfer fails exactly as it always did (`CURLE_URL_MALFORMAT`…).
    private func setURL(_ url: String) throws(CurlError) {
        var parsed = curl_url()
        if let handle = parsed, curl_url_set(handle, CURLUPART_URL, url, UInt32(CURLU_NON_SUPPORT_SCHEME)) == CURLUE_OK
        {
            try CurlError.check(ccurl_easy_setopt_curlu(raw, handle), Curl.name(of: CURLOPT_CURLU))
        } else {
            curl_url_cleanup(parsed)
            parsed = nil
            try CurlError.check(ccurl_easy_setopt_curlu(raw, nil), Curl.name(of: CURLOPT_CURLU))
            try set(CURLOPT_URL, url)
        }
        // Only now: libcurl no longer points at the previous one.
        curl_url_cleanup(parsedURL)
        parsedURL = parsed
    }

    private func setMethod(_ method: String, body: [UInt8]?) throws(CurlError) {
        uploads = body != nil
        // Only an upload (over HTTP/2) needs the response's start from the header callback (see `result`): other
        // requests skip its clock read.
        header.pointee.stamp_first = uploads ? 1 : 0
        if let body {
            try set(CURLOPT_NOBODY, 0)
            try set(CURLOPT_POST, 1)
            let size = ccurl_easy_setopt_offt(raw, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            try CurlError.check(size, Curl.name(of: CURLOPT_POSTFIELDSIZE_LARGE))
            let code = body.withUnsafeBufferPointer {
                ccurl_easy_setopt_ptr(raw, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress))
            }
            try CurlError.check(code, Curl.name(of: CURLOPT_COPYPOSTFIELDS))
            try set(CURLOPT_CUSTOMREQUEST, method == "POST" ? nil : method)
            lastMethod = "\(method)+body"
            return
        }
        guard method != lastMethod else { return }
        lastMethod = method
        switch method {
        case "GET":
            try set(CURLOPT_HTTPGET, 1)
            try set(CURLOPT_CUSTOMREQUEST, nil)
        case "HEAD":
            try set(CURLOPT_HTTPGET, 1)
            try set(CURLOPT_NOBODY, 1)
            try set(CURLOPT_CUSTOMREQUEST, nil)
        default:
            try set(CURLOPT_HTTPGET, 1)
            try set(CURLOPT_CUSTOMREQUEST, method)
        }
    }

    /// Over TLS a new transfer waits for a connection being set up that may turn out to be HTTP/2, to multiplex on
    /// it as a browser does, instead of opening another. Plain HTTP never multiplexes (no h2c): waiting there would
    /// only delay a request that a browser sends at once on a connection of its own.
    private func setPipeWait(_ on: Bool) throws(CurlError) {
        guard on != pipeWait else { return }
        try set(CURLOPT_PIPEWAIT, on ? 1 : 0)
        pipeWait = on
    }

    private static func isHTTPS(_ url: String) -> Bool {
        url.utf8.count > 8 && url.utf8.prefix(8).map { $0 | 0x20 }.elementsEqual("https://".utf8.map { $0 | 0x20 })
    }

    /// POST, PUT and PATCH carry a body (an empty one when the step has none).
    static func hasBody(_ method: String) -> Bool { method == "POST" || method == "PUT" || method == "PATCH" }

    /// libcurl 7.88 formats each request header through its printf one character at a time (about 90 instructions
    /// a byte), so the list holds only what the request needs, and is rebuilt only when that changes.
    private func setHeaders(_ key: HeaderListKey) throws(CurlError) {
        var list: UnsafeMutablePointer<curl_slist>?
        // A `User-Agent` line of the request (even an empty one, which sends none) replaces ours.
        if let agent = userAgent, !key.lines.contains(where: Self.isUserAgent) {
            list = curl_slist_append(list, "User-Agent: \(agent)")
        }
        for line in key.lines { list = curl_slist_append(list, line) }
        // libcurl 7.88 adds `Expect: 100-continue` to large bodies, costing a round trip; browsers never do.
        if key.expect { list = curl_slist_append(list, "Expect:") }
        // Given as a header, libcurl sends it as it is; otherwise it prints `CURLOPT_ACCEPT_ENCODING` into a fresh
        // string for every request. The option stays set: it is what makes libcurl decode the response.
        if let encoding = key.encoding, !key.lines.contains(where: Self.isAcceptEncoding) {
            list = curl_slist_append(list, encoding.isEmpty ? "Accept-Encoding;" : "Accept-Encoding: \(encoding)")
        }
        traceLine = nil
        if key.tracing {
            // A node of our own whose digits each request rewrites (libcurl reads the list when it sends).
            let placeholder =
                TraceParent.linePrefix + String(repeating: "0", count: 32) + "-" + String(repeating: "0", count: 16)
                + "-01"
            list = curl_slist_append(list, placeholder)
            var node = list
            while let next = node?.pointee.next { node = next }
            traceLine = node?.pointee.data
        }
        try CurlError.check(ccurl_easy_setopt_slist(raw, CURLOPT_HTTPHEADER, list), Curl.name(of: CURLOPT_HTTPHEADER))
        curl_slist_free_all(headerList)
        headerList = list
        headerListKey = key
    }

    /// `User-Agent: …`, or `User-Agent;` (libcurl's way of sending it empty), in any case.
    static func isUserAgent(_ line: String) -> Bool { names(line, "user-agent") }

    private static func isAcceptEncoding(_ line: String) -> Bool { names(line, "accept-encoding") }

    /// Whether a header line of the request sets the header `lowercaseName` (`Name: …`, or `Name;` to send it empty),
    /// in any case: libcurl matches a line to the header it replaces the same way (`Curl_checkheaders`).
    private static func names(_ line: String, _ lowercaseName: String) -> Bool {
        let count = lowercaseName.utf8.count
        let bytes = Array(line.utf8.prefix(count + 1))
        guard bytes.count == count + 1, bytes[count] == UInt8(ascii: ":") || bytes[count] == UInt8(ascii: ";") else {
            return false
        }
        return bytes[..<count].lazy.map { $0 | 0x20 }.elementsEqual(lowercaseName.utf8)
    }
}

/// What the handle's header list was built from.
struct HeaderListKey: Equatable {
    var lines: [String]
    var tracing: Bool
    /// An empty `Expect:` (requests with a body).
    var expect: Bool
    /// The `Accept-Encoding` sent, when one is (empty: an empty header).
    var encoding: String?
}

extension EasyHandle {
    /// Empties the cookie jar this handle uses (shared by every handle of the same share).
    public func clearCookies() {
        _ = ccurl_easy_setopt_str(raw, CURLOPT_COOKIELIST, "ALL")
        cookiesReceived = false
    }
}
