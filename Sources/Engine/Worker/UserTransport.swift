import Transport

/// A virtual user's side of the transport, owned by its worker: one curl share (cookie jar, connections, DNS and
/// TLS sessions, like a browser profile) and one easy handle per request of the widest parallel group.
struct UserTransport {
    let share: ShareHandle
    let handles: [EasyHandle]

    /// Makes every handle now, so a set-up failure stops the run before it starts instead of hanging a group
    /// half-sent.
    init(owner: Int, slots: Int, options: TransferOptions) throws(CurlError) {
        share = try ShareHandle()
        var handles: [EasyHandle] = []
        for slot in 0..<slots {
            let easy = try EasyHandle(options: options, share: share)
            easy.owner = owner
            easy.slot = slot
            handles.append(easy)
        }
        self.handles = handles
    }

    /// A fresh cookie jar per iteration, as k6 does; connections stay. Only when a response set a cookie: clearing
    /// an empty jar still costs a libcurl call per iteration.
    func clearCookies() {
        guard handles.contains(where: \.cookiesReceived) else { return }
        handles.first?.clearCookies()
        for handle in handles { handle.cookiesReceived = false }
    }
}
