import Foundation
import Netem
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

extension NetemSocketTests {
    /// A client that sends its request, half-closes, then reads slowly must still get the whole response:
    /// the proxy's close waits for its pending writes, and the half-close reaches the upstream as a half-close.
    @Suite struct HalfCloseTests {
        @Test func aHalfClosedSlowReaderGetsTheWholeBody() throws {
            try Harness.with(LinkConditions(rtt: .milliseconds(20))) { harness in
                let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                defer { close(fd) }
                var small: Int32 = 16 * 1024
                setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, socklen_t(4))
                var timeout = timeval(tv_sec: 10, tv_usec: 0)
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                var addr = sockaddr_in()
                addr.sin_family = sa_family_t(AF_INET)
                addr.sin_port = in_port_t(UInt16(harness.proxy.port).bigEndian)
                addr.sin_addr.s_addr = inet_addr("127.0.0.1")
                let connected = withUnsafePointer(to: &addr) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
                try #require(connected == 0)
                let total = 4_000_000
                let request = Array("c\(total)\n".utf8)
                _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
                shutdown(fd, Int32(SHUT_WR))
                // A slow reader: nothing is read until the proxy's writes to it have piled up to its high-water mark.
                Wait.until { harness.proxy.stats().peakQueuedBytes >= 256 * 1024 }
                var received = 0
                var buffer = [UInt8](repeating: 0, count: 65536)
                while true {
                    let n = recv(fd, &buffer, buffer.count, 0)
                    if n <= 0 { break }
                    received += n
                }
                #expect(received == total)
            }
        }
    }
}
