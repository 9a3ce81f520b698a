import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

#if canImport(Glibc)
    private let systemSend = Glibc.send
    private let noSignal = Int32(MSG_NOSIGNAL)
#else
    private let systemSend = Darwin.send
    private let noSignal: Int32 = 0
#endif

/// How a blocking receive ended early.
enum ClientError: Error, Equatable {
    /// The peer closed cleanly after `received` bytes.
    case eof(received: Int)
    /// The receive timeout fired after `received` bytes.
    case timeout(received: Int)
    /// The connection was reset after `received` bytes.
    case reset(received: Int)
    /// Any other errno.
    case failed(errno: Int32)
}

/// A blocking TCP client over POSIX sockets, optionally bound to a loopback source address (127.x.y.z) so tests
/// can act as several access links.
final class BlockingClient {
    private let fd: Int32

    /// Connects to 127.0.0.1:`port` from `source`; receives time out after `timeout`.
    init(port: Int, source: String = "127.0.0.1", timeout: Duration = .seconds(5)) throws {
        #if canImport(Glibc)
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw ClientError.failed(errno: errno) }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        let seconds = timeout.components.seconds
        var tv = timeval(tv_sec: Int(seconds), tv_usec: Int(timeout.components.attoseconds / 1_000_000_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        do {
            try call { Self.withAddress(source, port: 0) { bind(fd, $0, $1) } }
            try call { Self.withAddress("127.0.0.1", port: port) { connect(fd, $0, $1) } }
        } catch {
            close(fd)
            throw error
        }
    }

    deinit {
        close(fd)
    }

    private func call(_ body: () -> Int32) throws {
        guard body() == 0 else { throw ClientError.failed(errno: errno) }
    }

    private static func withAddress(
        _ host: String, port: Int, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Int32
    ) -> Int32 {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, host, &address.sin_addr)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }

    /// Sends the whole string.
    /// Sends a FIN: no more bytes from this client, the answer may still come.
    func finishSending() {
        shutdown(fd, Int32(SHUT_WR))
    }

    func send(_ text: String) throws {
        var bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeMutableBytes { systemSend(fd, $0.baseAddress! + sent, $0.count - sent, noSignal) }
            guard n > 0 else { throw ClientError.failed(errno: errno) }
            sent += n
        }
    }

    /// Receives exactly `count` bytes.
    func receive(exactly count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var received = 0
        while received < count {
            let n = bytes.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + received, count - received, 0) }
            if n > 0 {
                received += n
                continue
            }
            throw n == 0 ? ClientError.eof(received: received) : Self.error(errno, received: received)
        }
        return bytes
    }

    /// Receives until the connection ends; returns the bytes and how it ended.
    func receiveUntilEnd(limit: Int = 1 << 20) -> (bytes: Int, end: ClientError) {
        do {
            _ = try receive(exactly: limit)
            return (limit, .failed(errno: 0))
        } catch let error as ClientError {
            switch error {
            case .eof(let n), .timeout(let n), .reset(let n): return (n, error)
            case .failed: return (0, error)
            }
        } catch {
            return (0, .failed(errno: -1))
        }
    }

    private static func error(_ code: Int32, received: Int) -> ClientError {
        switch code {
        case EAGAIN, EWOULDBLOCK: .timeout(received: received)
        case ECONNRESET: .reset(received: received)
        default: .failed(errno: code)
        }
    }
}

/// Milliseconds since `start` on the monotonic clock.
func milliseconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
}
