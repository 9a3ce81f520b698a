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
        if request.url != lastURL {  // setopt copies and re-parses the URL; a VU often repeats one
            try set(CURLOPT_URL, request.url)
            lastURL = request.url
            try setPipeWait(allowHTTP2 && Self.isHTTPS(request.url))
        }
        // Browsers send `Content-Length: 0` with a bodiless POST, PUT or PATCH; an empty body does that.
        let body = request.body ?? (Self.methodsWithBody.contains(request.method) ? [] : nil)
        try setMethod(request.method, body: body)
        let tracing = request.traceParent != nil
        if request.headerLines != headerLines || tracing != (traceLine != nil) {
            try setHeaders(request.headerLines, tracing: tracing)
        }
        if let trace = request.traceParent, let traceLine { trace.write(into: traceLine) }
        try setAcceptEncoding(Curl.decodable(request.acceptEncoding ?? defaultAcceptEncoding))
        let timeout = request.timeoutMilliseconds ?? defaultTimeoutMilliseconds
        if timeout != timeoutMilliseconds {
            try set(CURLOPT_TIMEOUT_MS, timeout)
            timeoutMilliseconds = timeout
        }
    }

    private func setMethod(_ method: String, body: [UInt8]?) throws(CurlError) {
        uploads = body != nil
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

    static let methodsWithBody: Set<String> = ["POST", "PUT", "PATCH"]

    private func setHeaders(_ lines: [String], tracing: Bool) throws(CurlError) {
        var list: UnsafeMutablePointer<curl_slist>?
        for line in lines { list = curl_slist_append(list, line) }
        // libcurl 7.88 adds `Expect: 100-continue` to large bodies, costing a round trip; browsers never do.
        // Always in the list, so the cached list is right whether or not the next request has a body.
        list = curl_slist_append(list, "Expect:")
        traceLine = nil
        if tracing {
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
        headerLines = lines
    }
}

extension EasyHandle {
    /// Empties the cookie jar this handle uses (shared by every handle of the same share).
    public func clearCookies() {
        _ = ccurl_easy_setopt_str(raw, CURLOPT_COOKIELIST, "ALL")
    }
}
