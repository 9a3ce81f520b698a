import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A tiny blocking HTTP/1.1 client over POSIX sockets, for talking to the test servers without
/// depending on the Transport module (written concurrently) or URLSession.
///
/// It only understands what our servers send: `Content-Length` bodies, or bodies ending at EOF.
enum MiniHTTPError: Error, Equatable {
    case connectFailed(Int32)
    case timedOut
    /// The peer closed before the promised `Content-Length`; `received` body bytes had arrived.
    case truncated(received: Int)
    case closedBeforeResponse
    case malformed
}

/// One parsed response, with how long it took from sending to the last body byte.
struct MiniResponse {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    var elapsed: Double = 0

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The first header called `name` (case-insensitive).
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The body parsed as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }
}

/// A kept-alive connection to 127.0.0.1:port.
final class MiniConnection {
    private let fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int, timeout: Double = 10) throws {
        #if canImport(Glibc)
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var tv = timeval()
        tv.tv_sec = numericCast(Int(timeout))
        tv.tv_usec = numericCast(Int((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let error = errno
            _ = closeSocket(fd)
            throw MiniHTTPError.connectFailed(error)
        }
    }

    deinit { _ = closeSocket(fd) }

    /// Sends one request and reads its whole response.
    func send(
        _ method: String = "GET", _ path: String, headers: [(String, String)] = [], body: String = ""
    ) throws -> MiniResponse {
        let started = Date()
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.utf8.count)\r\n" }
        let bytes = Array((head + "\r\n" + body).utf8)
        guard bytes.withUnsafeBytes({ sendBytes(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == bytes.count
        else { throw MiniHTTPError.closedBeforeResponse }
        var response = try readHead()
        // 204 and 304 never carry a body; without this we would wait for EOF on a kept-alive socket.
        let bodyless = response.status == 204 || response.status == 304 || method == "HEAD"
        response.body = try readBody(length: bodyless ? 0 : response.header("Content-Length").flatMap(Int.init))
        response.elapsed = Date().timeIntervalSince(started)
        return response
    }

    /// True when the server has closed the connection (reads EOF within `timeout`).
    func peerClosed() -> Bool {
        (try? fill()) == false
    }

    private func readHead() throws -> MiniResponse {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        while true {
            if let end = buffer.firstRange(of: separator) {
                let lines = String(decoding: buffer[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
                buffer.removeSubrange(..<end.upperBound)
                let statusParts = lines[0].split(separator: " ")
                guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw MiniHTTPError.malformed }
                let headers = lines.dropFirst().compactMap { line -> (String, String)? in
                    guard let colon = line.firstIndex(of: ":") else { return nil }
                    return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
                }
                return MiniResponse(status: status, headers: headers.map { (name: $0.0, value: $0.1) }, body: [])
            }
            guard try fill() else { throw MiniHTTPError.closedBeforeResponse }
        }
    }

    private func readBody(length: Int?) throws -> [UInt8] {
        if let length {
            while buffer.count < length {
                guard try fill() else { throw MiniHTTPError.truncated(received: buffer.count) }
            }
            defer { buffer.removeSubrange(..<length) }
            return Array(buffer[..<length])
        }
        while try fill() {}
        defer { buffer.removeAll() }
        return buffer
    }

    /// Reads more bytes into the buffer; false at EOF.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count < 0 {
            if errno == EAGAIN || errno == EWOULDBLOCK { throw MiniHTTPError.timedOut }
            return false  // ECONNRESET and friends: treat as closed
        }
        buffer += chunk[..<count]
        return count > 0
    }
}

#if canImport(Glibc)
    private let closeSocket = Glibc.close
    private func sendBytes(_ fd: Int32, _ pointer: UnsafeRawPointer?, _ count: Int, _ flags: Int32) -> Int {
        Glibc.send(fd, pointer, count, flags)
    }
#else
    private let closeSocket = Darwin.close
    private let MSG_NOSIGNAL: Int32 = 0
    private func sendBytes(_ fd: Int32, _ pointer: UnsafeRawPointer?, _ count: Int, _ flags: Int32) -> Int {
        Darwin.send(fd, pointer, count, flags)
    }
#endif

enum MiniHTTP {
    /// One request on a fresh connection.
    static func request(
        port: Int, _ method: String = "GET", _ path: String, headers: [(String, String)] = [], body: String = "",
        timeout: Double = 10
    ) throws -> MiniResponse {
        try MiniConnection(port: port, timeout: timeout).send(method, path, headers: headers, body: body)
    }

    /// Runs `work` on its own thread, so blocking socket calls never occupy the (2-thread)
    /// Swift concurrency pool and concurrent requests really are concurrent.
    static func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}
