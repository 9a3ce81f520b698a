import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Channel {
    /// Closes the channel; with `resetting`, sets `SO_LINGER 0` first so the kernel sends an RST instead of a FIN
    /// (what a crashed or firewalled peer looks like; curl reports (56) "Connection reset by peer").
    func close(resetting: Bool) {
        guard resetting, let provider = self as? any SocketOptionProvider else {
            close(promise: nil)
            return
        }
        provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in
            self.close(promise: nil)
        }
    }
}
