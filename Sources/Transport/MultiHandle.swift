import CCurl
import Glibc

/// A libcurl multi handle driven by `curl_multi_socket_action` on its own epoll set: the transport of one
/// worker thread. The owner adds prepared easy handles and calls `poll` in its loop; finished transfers come
/// back through a closure. Connections are kept alive between transfers.
///
/// Not `Sendable`: everything here belongs to the worker thread that created it.
public final class MultiHandle {
    let raw: UnsafeMutableRawPointer
    let sockets: SocketRegistry
    /// When libcurl next wants `CURL_SOCKET_TIMEOUT` (monotonic ns), if ever; 0: at once, without reading the clock
    /// (libcurl asks for that each time a transfer is added).
    var timerDeadline: UInt64?
    private var events: UnsafeMutablePointer<epoll_event>
    private let eventCapacity = 256
    /// Set once the kernel turned out to lack `epoll_pwait2` (this loop's own; no state is shared between threads).
    private var noPwait2: Int32 = 0
    /// Transfers added and not yet finished.
    public private(set) var inFlight = 0

    /// - Parameters:
    ///   - maxConnections: connections kept open (`CURLMOPT_MAXCONNECTS`); set it ≥ the concurrency.
    ///   - maxConnectionsPerHost: at most this many connections to one host and port at once, as a browser opens
    ///     at most 6 (`CURLMOPT_MAX_HOST_CONNECTIONS`; 0: no cap). Transfers beyond it wait inside libcurl for a
    ///     connection to come free. libcurl counts per connection cache, and each virtual user's share holds its
    ///     own, so the cap is per user, like a browser's per profile.
    public init(maxConnections: Int, maxConnectionsPerHost: Int = 0) throws(CurlError) {
        Curl.initialize()
        guard let multi = curl_multi_init() else {
            throw CurlError(operation: "curl_multi_init", code: -1, message: "out of memory")
        }
        raw = multi
        let epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epoll >= 0 else {
            curl_multi_cleanup(multi)
            throw CurlError(operation: "epoll_create1", code: Int(errno), message: String(cString: strerror(errno)))
        }
        sockets = SocketRegistry(epoll: epoll)
        events = .allocate(capacity: eventCapacity)
        try installCallbacks(maxConnections: maxConnections)
        try CurlError.check(
            ccurl_multi_setopt_long(raw, CURLMOPT_MAX_HOST_CONNECTIONS, max(maxConnectionsPerHost, 0)),
            "CURLMOPT_MAX_HOST_CONNECTIONS")
    }

    deinit {
        curl_multi_cleanup(raw)
        close(sockets.epoll)
        events.deallocate()
    }

    private func installCallbacks(maxConnections: Int) throws(CurlError) {
        let me = Unmanaged.passUnretained(self).toOpaque()
        try CurlError.check(ccurl_multi_setopt_socket_cb(raw, multiSocketCallback), "CURLMOPT_SOCKETFUNCTION")
        try CurlError.check(ccurl_multi_setopt_ptr(raw, CURLMOPT_SOCKETDATA, me), "CURLMOPT_SOCKETDATA")
        try CurlError.check(ccurl_multi_setopt_timer_cb(raw, multiTimerCallback), "CURLMOPT_TIMERFUNCTION")
        try CurlError.check(ccurl_multi_setopt_ptr(raw, CURLMOPT_TIMERDATA, me), "CURLMOPT_TIMERDATA")
        try CurlError.check(
            ccurl_multi_setopt_long(raw, CURLMOPT_MAXCONNECTS, max(maxConnections, 1)), "CURLMOPT_MAXCONNECTS")
        try CurlError.check(
            ccurl_multi_setopt_long(raw, CURLMOPT_MAX_CONCURRENT_STREAMS, 1000), "CURLMOPT_MAX_CONCURRENT_STREAMS")
    }

    /// Starts a prepared transfer. It begins on the next `poll`; `now` (monotonic ns) is when it was handed over.
    public func add(_ easy: EasyHandle, at now: UInt64 = MonotonicClock.now()) throws(CurlError) {
        // Route this handle's socket closes through the registry so that
        // a reused fd number is never mistaken for a registered one. Connections can outlive this multi
        // handle (in a share's cache, or an easy handle's), so whoever may close one keeps the registry alive.
        if easy.socketRegistry !== sockets {
            let me = Unmanaged.passUnretained(sockets).toOpaque()
            // Sockets are opened only while the handle runs a transfer: the callback gets the handle itself (its
            // registry and source address); closes can come later, from a share's cache, so they get the registry.
            try CurlError.check(
                ccurl_easy_setopt_opensocket_cb(easy.raw, registryOpenSocketCallback),
                Curl.name(of: CURLOPT_OPENSOCKETFUNCTION))
            try easy.set(CURLOPT_OPENSOCKETDATA, pointer: Unmanaged.passUnretained(easy).toOpaque())
            try CurlError.check(
                ccurl_easy_setopt_closesocket_cb(easy.raw, registryCloseSocketCallback),
                Curl.name(of: CURLOPT_CLOSESOCKETFUNCTION))
            try easy.set(CURLOPT_CLOSESOCKETDATA, pointer: me)
            easy.socketRegistry = sockets
            easy.share?.keepAlive(sockets)
        }
        easy.startedAt = now
        try CurlError.check(curl_multi_add_handle(raw, easy.raw), "curl_multi_add_handle")
        easy.inMulti = true
        inFlight += 1
    }

    /// Abandons a transfer in flight (it produces no result). Returns whether it was in flight.
    @discardableResult
    public func cancel(_ easy: EasyHandle) throws(CurlError) -> Bool {
        guard easy.inMulti else { return false }
        try remove(easy.raw)
        easy.inMulti = false
        inFlight -= 1
        return true
    }

    /// Waits up to `maxWait` nanoseconds for socket events or libcurl's timer, drives the transfers, and hands
    /// every finished one to `onDone`. Throws when libcurl or epoll refuses a call: the loop's state can no longer
    /// be trusted, and the owner must stop rather than hang or mismeasure.
    public func poll(maxWait: UInt64, onDone: (EasyHandle, TransferResult) -> Void) throws(CurlError) {
        let count = ccurl_epoll_wait_ns(
            sockets.epoll, events, Int32(eventCapacity), waitNanoseconds(maxWait), &noPwait2)
        if count < 0 && errno != EINTR {
            throw CurlError(operation: "epoll_wait", code: Int(errno), message: String(cString: strerror(errno)))
        }
        for i in 0..<Int(max(count, 0)) {
            let event = events[i]
            let fd = event.data.fd
            guard sockets.wants(fd) else {
                sockets.dropIdle(fd)
                continue
            }
            try socketAction(fd, Self.selectFlags(event.events))
        }
        if let deadline = timerDeadline, deadline == 0 || MonotonicClock.now() >= deadline {
            timerDeadline = nil  // a non-repeating timer: disarm before acting, libcurl re-arms it if needed
            try socketAction(CURL_SOCKET_TIMEOUT, 0)
        }
        try drainFinished(onDone)
    }

    private func socketAction(_ fd: Int32, _ flags: Int32) throws(CurlError) {
        var running: Int32 = 0
        try CurlError.check(curl_multi_socket_action(raw, fd, flags, &running), "curl_multi_socket_action")
    }

    private func remove(_ rawEasy: UnsafeMutableRawPointer) throws(CurlError) {
        try CurlError.check(curl_multi_remove_handle(raw, rawEasy), "curl_multi_remove_handle")
    }

    private func drainFinished(_ onDone: (EasyHandle, TransferResult) -> Void) throws(CurlError) {
        var pending: Int32 = 0
        while let message = curl_multi_info_read(raw, &pending) {
            guard message.pointee.msg == CURLMSG_DONE, let rawEasy = message.pointee.easy_handle else { continue }
            let code = ccurl_msg_result(message)
            let easy = EasyHandle.from(rawEasy)
            try remove(rawEasy)
            easy.inMulti = false
            inFlight -= 1
            onDone(easy, easy.result(code: code))
        }
    }

    /// The epoll timeout: the sooner of libcurl's timer and the caller's limit, in ns (an open model's schedule
    /// needs better than whole milliseconds).
    private func waitNanoseconds(_ maxWait: UInt64) -> Int64 {
        var wait = maxWait
        if timerDeadline == 0 {
            wait = 0
        } else if let deadline = timerDeadline {
            let now = MonotonicClock.now()
            wait = deadline > now ? min(wait, deadline - now) : 0
        }
        return Int64(min(wait, 60_000_000_000))
    }

    static func selectFlags(_ events: UInt32) -> Int32 {
        var flags: Int32 = 0
        if events & (EPOLLIN.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 { flags |= CURL_CSELECT_IN }
        if events & EPOLLOUT.rawValue != 0 { flags |= CURL_CSELECT_OUT }
        if events & EPOLLERR.rawValue != 0 { flags |= CURL_CSELECT_ERR }
        return flags
    }
}

/// libcurl's socket callback: which events it wants on a socket.
private let multiSocketCallback: curl_socket_callback = { _, fd, what, userp, _ in
    // The multi handle outlives every callback it gets: borrowed, not retained (twice per request).
    Unmanaged<MultiHandle>.fromOpaque(userp!)._withUnsafeGuaranteedRef { $0.sockets.update(fd: fd, what: what) }
    return 0
}

/// libcurl's timer callback: when to call `socket_action(CURL_SOCKET_TIMEOUT)` next (-1: never).
private let multiTimerCallback: curl_multi_timer_callback = { _, ms, userp in
    Unmanaged<MultiHandle>.fromOpaque(userp!)._withUnsafeGuaranteedRef {
        $0.timerDeadline = ms < 0 ? nil : ms == 0 ? 0 : MonotonicClock.now() + UInt64(ms) * 1_000_000
    }
    return 0
}

/// Every connection socket libcurl opens passes here, so the registry knows which fds it will see closed; a handle
/// with a source address binds the socket to it.
private let registryOpenSocketCallback: curl_opensocket_callback = { clientp, _, address in
    guard let address else { return CURL_SOCKET_BAD }
    let fd = socket(
        address.pointee.family, address.pointee.socktype | Int32(SOCK_CLOEXEC.rawValue), address.pointee.protocol)
    guard fd >= 0 else { return CURL_SOCKET_BAD }
    return Unmanaged<EasyHandle>.fromOpaque(clientp!)._withUnsafeGuaranteedRef { easy in
        if let source = easy.sourceAddress, isIPv4Loopback(family: address.pointee.family, address.pointee.addr),
            !bind(fd, to: source)
        {
            close(fd)
            return CURL_SOCKET_BAD
        }
        easy.socketRegistry?.own(fd)
        return fd
    }
}

/// Whether libcurl is about to connect to 127.0.0.0/8. Only then is a user's loopback source address bound: a socket
/// bound to 127.1.x.y cannot reach any other host (connect fails with EINVAL), and a templated URL or a redirect may
/// lead a user of a loopback target to an allow-listed host elsewhere, or past the network emulation's proxy.
func isIPv4Loopback(family: Int32, _ address: sockaddr) -> Bool {
    guard family == AF_INET else { return false }
    // A `sockaddr_in`: family (2 bytes), port (2), then the address in network order: byte 4 is its first octet.
    return withUnsafeBytes(of: address) { $0[4] == 127 }
}

/// Binds `fd` to `source`, port chosen at connect time (`IP_BIND_ADDRESS_NO_PORT`), so one address can hold as many
/// connections as there are ports per destination.
private func bind(_ fd: Int32, to source: in_addr) -> Bool {
    var on: Int32 = 1
    let bindAddressNoPort: Int32 = 24  // IP_BIND_ADDRESS_NO_PORT (Linux 4.2+), not in Glibc's module
    _ = setsockopt(fd, Int32(IPPROTO_IP), bindAddressNoPort, &on, socklen_t(MemoryLayout<Int32>.size))
    var local = sockaddr_in()
    local.sin_family = sa_family_t(AF_INET)
    local.sin_addr = source
    return withUnsafePointer(to: &local) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
        }
    }
}

/// Every socket libcurl closes passes here, so the registry forgets it before the fd number is reused.
private let registryCloseSocketCallback: curl_closesocket_callback = { clientp, fd in
    let registry = Unmanaged<SocketRegistry>.fromOpaque(clientp!).takeUnretainedValue()
    registry.forget(fd)
    return close(fd)
}
