import CCurl
import Foundation

extension EasyHandle {
    /// Reads what the finished transfer produced.
    func result(code: CURLcode) -> TransferResult {
        var result = TransferResult(status: Int(info(CURLINFO_RESPONSE_CODE)))
        result.httpVersion = Self.httpVersionName(info(CURLINFO_HTTP_VERSION))
        result.newConnections = Int(info(CURLINFO_NUM_CONNECTS))
        // A reused connection paid no connect or TLS (libcurl reports 0): two of eleven lookups fewer per request.
        let fresh = result.newConnections > 0
        result.timings = timings(fresh: fresh)
        if uploads && result.httpVersion == "2" { correctUploadFirstByte(&result) }
        if fresh { result.primaryPort = info(CURLINFO_PRIMARY_PORT) }
        result.bodyBytes = body.pointee.total
        result.wireBodyBytes = infoOffset(CURLINFO_SIZE_DOWNLOAD_T)
        // libcurl finds a header by walking every one; the header callback noted whether this response has any.
        let seen = header.pointee.seen
        if seen & CCURL_SAW_SERVER_TIMING != 0 { result.serverTiming = headerValues("Server-Timing") }
        if seen & CCURL_SAW_SET_COOKIE != 0 { cookiesReceived = true }
        if body.pointee.limit > 0 { result.body = bytes(of: body) }
        if keepHeaders { result.headers = Self.parseHeaders(bytes(of: header)) }
        if code != CURLE_OK {
            let detail =
                errorBuffer.pointee != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
            result.failure = TransferFailure(
                kind: TransferFailure.kind(of: code), code: Int(code.rawValue), message: detail)
        }
        return result
    }

    /// libcurl 7.88 stamps STARTTRANSFER when an HTTP/2 upload has been sent, not when the answer begins: the whole
    /// wait then reads as `transfer` and the first byte as 0.001 ms. The first response header's arrival (stamped by
    /// the header callback, on the same clock as the start) gives the real split; without it the split is unknown.
    private func correctUploadFirstByte(_ result: inout TransferResult) {
        guard result.timings.startTransfer > 0 else { return }
        let first = header.pointee.first_ns
        guard first > startedAt, startedAt > 0 else {
            result.timings.firstByteKnown = false
            return
        }
        let derived = Int((first - startedAt) / 1000)
        result.timings.startTransfer = min(max(derived, result.timings.preTransfer), result.timings.total)
    }

    private func info(_ what: CURLINFO) -> Int {
        var value = 0
        _ = ccurl_easy_getinfo_long(raw, what, &value)
        return value
    }

    private func infoOffset(_ what: CURLINFO) -> Int {
        var value: curl_off_t = 0
        _ = ccurl_easy_getinfo_offt(raw, what, &value)
        return Int(value)
    }

    private func timings(fresh: Bool) -> TransferTimings {
        var t = TransferTimings()
        t.nameLookup = infoOffset(CURLINFO_NAMELOOKUP_TIME_T)
        if fresh {
            t.connect = infoOffset(CURLINFO_CONNECT_TIME_T)
            t.appConnect = infoOffset(CURLINFO_APPCONNECT_TIME_T)
        }
        t.preTransfer = infoOffset(CURLINFO_PRETRANSFER_TIME_T)
        t.startTransfer = infoOffset(CURLINFO_STARTTRANSFER_TIME_T)
        t.total = infoOffset(CURLINFO_TOTAL_TIME_T)
        return t
    }

    /// Every value of a response header of the last response (libcurl keeps them; nothing is buffered by us), or
    /// nil when there is none.
    func headerValues(_ name: String) -> [String]? {
        var header: UnsafeMutablePointer<curl_header>?
        guard curl_easy_header(raw, name, 0, UInt32(CURLH_HEADER), -1, &header) == CURLHE_OK, let first = header
        else { return nil }
        var values = [String(cString: first.pointee.value)]
        let amount = first.pointee.amount
        for index in 1..<max(amount, 1) {
            guard curl_easy_header(raw, name, index, UInt32(CURLH_HEADER), -1, &header) == CURLHE_OK, let h = header
            else { break }
            values.append(String(cString: h.pointee.value))
        }
        return values
    }

    /// `1.1`, `2`, `3` or `1.0` for `CURLINFO_HTTP_VERSION`; nil when no response came.
    static func httpVersionName(_ code: Int) -> String? {
        switch code {
        case Int(CURL_HTTP_VERSION_1_0): "1.0"
        case Int(CURL_HTTP_VERSION_1_1): "1.1"
        case Int(CURL_HTTP_VERSION_2_0): "2"
        case Int(CURL_HTTP_VERSION_3): "3"
        default: nil
        }
    }

    private func bytes(of buffer: UnsafeMutablePointer<ccurl_buffer>) -> [UInt8] {
        let b = buffer.pointee
        guard b.length > 0, let data = b.data else { return [] }
        return data.withMemoryRebound(to: UInt8.self, capacity: b.length) {
            Array(UnsafeBufferPointer(start: $0, count: b.length))
        }
    }

    /// Header lines of the last response (a redirect or `100 Continue` starts a new block).
    static func parseHeaders(_ raw: [UInt8]) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        for line in String(decoding: raw, as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("HTTP/") {
                headers.removeAll()
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append((name, value))
        }
        return headers
    }
}
