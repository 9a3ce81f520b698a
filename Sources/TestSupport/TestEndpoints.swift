import CompressNIO
import NIOCore
import NIOHTTP1

/// Answers one request of `TestServer` according to its `TestRoute`.
///
/// Waiting is always done with event-loop timers, never by sleeping a thread: a sleeping loop
/// would stall every other connection of the server and make timing tests meaningless.
struct TestEndpoints {
    let state: TestServerState
    let writer: ResponseWriter

    /// The fixed document served by `/json` (tests capture `$.token` and `$.items[1].id`).
    static let jsonDocument = #"{"token":"abc123","items":[{"id":7},{"id":8}],"ok":true}"#

    func respond(to request: ReceivedRequest) {
        switch TestRoute(path: request.path) {
        case .ok:
            writer.send(.ok, text: "ok")
        case .delay(let ms):
            after(milliseconds: ms) { writer.send(.ok, text: "ok") }
        case .status(let code):
            writer.send(HTTPResponseStatus(statusCode: code), text: "status \(code)")
        case .bytes(let count):
            writer.send(.ok, headers: Self.binaryHeaders, body: Self.filler(count))
        case .drip(let count, let ms):
            drip(remaining: count, total: count, intervalMilliseconds: ms)
        case .closeMidResponse:
            closeMidResponse()
        case .echo:
            writer.send(.ok, headers: Self.jsonHeaders, body: EchoDocument(request).encoded())
        case .json:
            var headers = Self.jsonHeaders
            headers.add(name: "X-Request-Id", value: "req-42")
            writer.send(.ok, headers: headers, body: ByteBuffer(string: Self.jsonDocument))
        case .token:
            var headers = Self.jsonHeaders
            headers.add(name: "X-Auth-Token", value: TestServer.Credentials.header)
            headers.add(name: "Set-Cookie", value: "session=\(TestServer.Credentials.cookie); Path=/; HttpOnly")
            writer.send(.ok, headers: headers, body: ByteBuffer(string: TestServer.Credentials.document))
        case .redirect(let remaining):
            guard remaining > 0 else { return writer.send(.ok, text: "ok") }
            writer.send(.found, text: "moved", headers: ["Location": "/redirect/\(remaining - 1)"])
        case .redirectSeeOther:
            writer.send(.seeOther, text: "see other", headers: ["Location": "/echo"])
        case .redirectAway:
            writer.send(.found, text: "moved", headers: ["Location": "http://elsewhere.invalid/ok"])
        case .setCookie:
            writer.send(.ok, text: "ok", headers: ["Set-Cookie": "session=s1; Path=/"])
        case .needsCookie:
            let hasSession = Self.cookies(in: request.head.headers).contains("session=s1")
            writer.send(hasSession ? .ok : .unauthorized, text: hasSession ? "ok" : "no session")
        case .stallOnce(let ms):
            let stall = state.takeStall() ? ms : 0
            after(milliseconds: stall) { writer.send(.ok, text: "ok") }
        case .pause(let at, let ms):
            after(milliseconds: state.pauseWait(atMilliseconds: at, milliseconds: ms)) { writer.send(.ok, text: "ok") }
        case .knee(let concurrency, let ms):
            let slow = state.enterKnee() > concurrency
            after(milliseconds: slow ? ms : 1) {
                writer.send(.ok, text: slow ? "slow" : "fast")
                state.leaveKnee()
            }
        case .serverTiming(let ms):
            let timing = "db;dur=\(ms);desc=\"query, with a comma\", cache;desc=\"hit, or not\""
            after(milliseconds: ms) { writer.send(.ok, text: "ok", headers: ["Server-Timing": timing]) }
        case .gzip(let count):
            compressible(count, acceptEncoding: request.head.headers["Accept-Encoding"].joined(separator: ","))
        case .notFound:
            writer.send(.notFound, text: "not found")
        }
    }

    /// `/gzip/{n}`: compresses only when the client said it can decode gzip.
    private func compressible(_ count: Int, acceptEncoding: String) {
        var body = ByteBuffer()
        let row = Array(#"{"id":12345,"name":"task","done":false},"#.utf8)
        for index in 0..<count { body.writeInteger(row[index % row.count]) }
        var headers = Self.jsonHeaders
        headers.add(name: "Vary", value: "Accept-Encoding")
        guard acceptEncoding.lowercased().contains("gzip") else {
            return writer.send(.ok, headers: headers, body: body)
        }
        guard let compressed = try? body.compress(with: .gzip()) else {
            return writer.send(.internalServerError, text: "gzip failed")
        }
        headers.add(name: "Content-Encoding", value: "gzip")
        writer.send(.ok, headers: headers, body: compressed)
    }

    static let jsonHeaders: HTTPHeaders = ["Content-Type": "application/json"]
    static let binaryHeaders: HTTPHeaders = ["Content-Type": "application/octet-stream"]

    /// `count` bytes of a repeating, recognisable pattern.
    static func filler(_ count: Int) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(count)
        let pattern = Array("0123456789abcdef".utf8)
        for index in 0..<count {
            buffer.writeInteger(pattern[index % pattern.count])
        }
        return buffer
    }

    /// All `name=value` pairs of every `Cookie` header.
    static func cookies(in headers: HTTPHeaders) -> [String] {
        headers["Cookie"].flatMap { line in
            line.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    /// Runs `body` on the connection's event loop after `milliseconds` (at once when 0).
    private func after(milliseconds: Int, _ body: @escaping () -> Void) {
        guard milliseconds > 0 else { return body() }
        writer.context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(milliseconds))) {
            body()
        }
    }

    /// Sends a body of `total` bytes one byte per interval, flushing each so the client sees a
    /// slow-but-alive response (the case a whole-request timeout must still catch).
    private func drip(remaining: Int, total: Int, intervalMilliseconds: Int) {
        if remaining == total {
            writer.writeHead(.ok, headers: ["Content-Length": String(total)])
            writer.context.flush()
        }
        guard remaining > 0 else { return writer.finish() }
        after(milliseconds: intervalMilliseconds) {
            // Stop quietly when the client gave up, instead of writing into a closed channel.
            guard writer.isActive else { return }
            writer.writeBodyPart(Self.filler(1))
            drip(remaining: remaining - 1, total: total, intervalMilliseconds: intervalMilliseconds)
        }
    }

    /// Promises 100 bytes, delivers 10, then closes: a truncated response the client must report.
    private func closeMidResponse() {
        writer.writeHead(.ok, headers: ["Content-Length": "100"] + Self.binaryHeaders)
        let sent = writer.context.writeAndFlush(
            NIOAny(HTTPServerResponsePart.body(.byteBuffer(Self.filler(10)))))
        let channel = writer.context.channel
        sent.whenComplete { _ in channel.close(promise: nil) }
    }
}

extension HTTPHeaders {
    fileprivate static func + (lhs: HTTPHeaders, rhs: HTTPHeaders) -> HTTPHeaders {
        var merged = lhs
        merged.add(contentsOf: rhs)
        return merged
    }
}
