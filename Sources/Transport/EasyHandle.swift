import CCurl
import Glibc

/// One reusable libcurl transfer handle. It is configured once; each request sets only what changes
/// (no `curl_easy_reset`), so its connection, cookies and TLS sessions carry over like a browser tab's.
///
/// Not `Sendable`: curl handles belong to the thread of their multi handle.
public final class EasyHandle {
    let raw: UnsafeMutableRawPointer
    /// Response body and header buffers, filled by the C write callback.
    let body: UnsafeMutablePointer<ccurl_buffer>
    let header: UnsafeMutablePointer<ccurl_buffer>
    let errorBuffer: UnsafeMutablePointer<CChar>
    /// The header list the current request uses; libcurl does not copy it, so it lives here.
    var headerList: UnsafeMutablePointer<curl_slist>?
    /// What `headerList` was built from (nil: no list yet).
    var headerListKey: HeaderListKey?
    /// The `traceparent` line inside `headerList`, when the current list has one (its bytes belong to the list).
    var traceLine: UnsafeMutablePointer<CChar>?
    var lastMethod = "GET"
    var lastURL = ""
    /// The current URL parsed by libcurl, which reads it for each transfer (`CURLOPT_CURLU`); nil when it went as text.
    var parsedURL: OpaquePointer?
    var keepHeaders = false
    /// What the current request asked for as `Accept-Encoding` (outer nil: nothing yet), and what libcurl was told:
    /// the ask reduced to the codings it decodes (see `setAcceptEncoding`).
    var askedEncoding: String?? = nil
    var acceptEncoding: String?
    /// `TransferOptions.acceptEncoding`: what a request that names none asks for.
    var defaultAcceptEncoding: String?
    /// The handle's whole-transfer limit (`TransferOptions`), and the one libcurl was last told.
    var defaultTimeoutMilliseconds = 0
    var timeoutMilliseconds = 0
    /// Whether HTTP/2 may be negotiated, and whether `CURLOPT_PIPEWAIT` is on (see `setPipeWait`).
    var allowHTTP2 = true
    var pipeWait = false
    /// A response since the last `clearCookies` set a cookie (the jar may hold one).
    public var cookiesReceived = false
    /// Keeps the share alive as long as the handle points at it.
    let share: ShareHandle?
    /// Whether the handle is added to a multi handle (in flight).
    var inMulti = false
    /// The socket registry of the multi handle this handle last ran on; its close callback points there.
    var socketRegistry: SocketRegistry?
    /// Free for the owner's use: who the handle belongs to (e.g. a virtual user's index) and which of its
    /// requests it carries (e.g. the request's place in a parallel group). Two whole fields, so no count of
    /// owners or requests can overflow into the other.
    public var owner = 0
    public var slot = 0
    /// When the owner submitted the current request (monotonic ns); set by the owner.
    public var submittedAt: UInt64 = 0
    /// When the transfer was handed to libcurl (monotonic ns): where its service time starts.
    public var sentAt: UInt64 = 0
    /// When the multi handle took the transfer (monotonic ns), for timings libcurl gets wrong (see `result`).
    var startedAt: UInt64 = 0
    /// Whether the current request sends a body.
    var uploads = false

    public init(options: TransferOptions, share: ShareHandle? = nil) throws(CurlError) {
        guard let handle = curl_easy_init() else {
            throw CurlError(operation: "curl_easy_init", code: -1, message: "out of memory")
        }
        raw = handle
        self.share = share
        body = .allocate(capacity: 1)
        body.initialize(to: ccurl_buffer())
        header = .allocate(capacity: 1)
        header.initialize(to: ccurl_buffer())
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        try configure(options)
    }

    deinit {
        curl_easy_cleanup(raw)
        curl_url_cleanup(parsedURL)
        curl_slist_free_all(headerList)
        curl_slist_free_all(connectToList)
        ccurl_buffer_free(body)
        ccurl_buffer_free(header)
        body.deallocate()
        header.deallocate()
        errorBuffer.deallocate()
    }

    /// Options set once per handle.
    private func configure(_ options: TransferOptions) throws(CurlError) {
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_NOPROXY, "*")  // no per-transfer proxy getenv(); staging is reached directly
        // Only http(s) ever goes out, whatever a rendered URL says (the allow-list refuses other schemes first).
        try set(CURLOPT_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_TIMEOUT_MS, options.timeoutMilliseconds)
        defaultTimeoutMilliseconds = options.timeoutMilliseconds
        timeoutMilliseconds = options.timeoutMilliseconds
        try set(CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeoutMilliseconds)
        let version = options.allowHTTP2 ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_1_1
        try set(CURLOPT_HTTP_VERSION, Int(version))
        allowHTTP2 = options.allowHTTP2
        try set(CURLOPT_SSL_VERIFYPEER, options.verifyTLS ? 1 : 0)
        try set(CURLOPT_SSL_VERIFYHOST, options.verifyTLS ? 2 : 0)
        if let ca = options.caFile { try set(CURLOPT_CAINFO, ca) }
        try set(CURLOPT_COOKIEFILE, "")  // turns the cookie engine on, reading no file
        defaultAcceptEncoding = options.acceptEncoding
        try setAcceptEncoding(asked: options.acceptEncoding)
        try set(CURLOPT_ERRORBUFFER, pointer: errorBuffer)
        try CurlError.check(
            ccurl_easy_setopt_write_cb(raw, CURLOPT_WRITEFUNCTION, ccurl_buffer_write),
            Curl.name(of: CURLOPT_WRITEFUNCTION))
        try set(CURLOPT_WRITEDATA, pointer: body)
        try CurlError.check(
            ccurl_easy_setopt_write_cb(raw, CURLOPT_HEADERFUNCTION, ccurl_header_write),
            Curl.name(of: CURLOPT_HEADERFUNCTION))
        try set(CURLOPT_HEADERDATA, pointer: header)
        try set(CURLOPT_PRIVATE, pointer: Unmanaged.passUnretained(self).toOpaque())
        if let share { try CurlError.check(ccurl_easy_setopt_share(raw, share.raw), Curl.name(of: CURLOPT_SHARE)) }
        if !options.connectTo.isEmpty { try setConnectTo(options.connectTo) }
        if let address = options.localAddress {
            // An IPv4 address is bound by our own open-socket callback (see `MultiHandle.add`): through
            // `CURLOPT_INTERFACE` libcurl resolves it for every connection and keeps it in the DNS cache, which it
            // walks in full after every transfer. Anything else goes to libcurl as before.
            var ipv4 = in_addr()
            if inet_pton(AF_INET, address, &ipv4) == 1 {
                sourceAddress = ipv4
            } else {
                try set(CURLOPT_INTERFACE, "host!\(address)")
            }
        }
        // libcurl sends no User-Agent of its own. Ours goes in the header list (see `setHeaders`), not through
        // `CURLOPT_USERAGENT`, which libcurl 7.88 prints into a fresh string for every transfer (~4k instructions).
        userAgent = options.userAgent
    }

    /// The `User-Agent` a request sends unless its own header lines name one.
    private(set) var userAgent: String?

    /// The IPv4 address this handle's connections are bound to (`TransferOptions.localAddress`), if any.
    private(set) var sourceAddress: in_addr?

    /// `Accept-Encoding` as a browser sends it, decoded by libcurl. Reducing an ask to the codings this libcurl
    /// decodes splits and trims strings through Foundation, as costly as the rest of a request, so it is done only
    /// when the ask changes (a user repeats the same one); libcurl is told only when the reduced value changes.
    func setAcceptEncoding(asked: String?) throws(CurlError) {
        guard askedEncoding != .some(asked) else { return }
        let value = Curl.decodable(asked)
        if askedEncoding == nil || value != acceptEncoding { try set(CURLOPT_ACCEPT_ENCODING, value) }
        askedEncoding = .some(asked)
        acceptEncoding = value
    }

    private func setConnectTo(_ entries: [String]) throws(CurlError) {
        // Kept for the handle's life: libcurl does not copy lists.
        var list: UnsafeMutablePointer<curl_slist>?
        for entry in entries { list = curl_slist_append(list, entry) }
        connectToList = list
        try CurlError.check(ccurl_easy_setopt_slist(raw, CURLOPT_CONNECT_TO, list), Curl.name(of: CURLOPT_CONNECT_TO))
    }

    var connectToList: UnsafeMutablePointer<curl_slist>?

    func set(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try CurlError.check(ccurl_easy_setopt_long(raw, option, value), Curl.name(of: option))
    }

    func set(_ option: CURLoption, _ value: String?) throws(CurlError) {
        try CurlError.check(ccurl_easy_setopt_str(raw, option, value), Curl.name(of: option))
    }

    func set<T>(_ option: CURLoption, pointer: UnsafeMutablePointer<T>) throws(CurlError) {
        try set(option, pointer: UnsafeMutableRawPointer(pointer))
    }

    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer) throws(CurlError) {
        try CurlError.check(ccurl_easy_setopt_ptr(raw, option, pointer), Curl.name(of: option))
    }

    /// Recovers the Swift object from a libcurl easy pointer (`CURLOPT_PRIVATE`).
    static func from(_ raw: UnsafeMutableRawPointer) -> EasyHandle {
        var pointer: UnsafeMutableRawPointer?
        _ = ccurl_easy_getinfo_ptr(raw, CURLINFO_PRIVATE, &pointer)
        return Unmanaged<EasyHandle>.fromOpaque(pointer!).takeUnretainedValue()
    }
}
