import TestSupport
import Testing
import Transport

@Suite("MultiHandle over real sockets")
struct MultiHandleTests {
    @Test func getsAResponseWithTimingsAndReusesTheConnection() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let multi = try MultiHandle(maxConnections: 4)
        let easy = try EasyHandle(options: .init())
        let request = HTTPRequest(url: server.baseURL + "/ok", keepBodyBytes: 1024)
        let first = try #require(try perform([(easy, request)], on: multi)[0])
        #expect(first.failure == nil)
        #expect(first.status == 200)
        #expect(first.body.map { String(decoding: $0, as: UTF8.self) } == "ok")
        #expect(first.newConnections == 1)
        #expect(first.timings.total > 0)
        let second = try #require(try perform([(easy, request)], on: multi)[0])
        #expect(second.newConnections == 0, "keep-alive: the second request reuses the connection")
        #expect(server.requestCount(path: "/ok") == 2)
        #expect(server.connectionCount == 1)
    }

    @Test func runsManyTransfersAtOnce() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let multi = try MultiHandle(maxConnections: 64)
        let pairs = try (0..<20).map { _ in
            (try EasyHandle(options: .init()), HTTPRequest(url: server.baseURL + "/delay/200"))
        }
        let start = MonotonicClock.now()
        let results = try perform(pairs, on: multi)
        let seconds = Double(MonotonicClock.now() - start) / 1e9
        #expect(results.allSatisfy { $0?.status == 200 })
        // In sequence they would take at least 4 s (a server timer never fires early); in parallel about 0.2 s.
        #expect(seconds < 3.5, "20 × 200 ms in parallel, not in sequence (took \(seconds)s)")
        #expect(server.requestCount(path: "/delay/200") == 20)
    }

    @Test func classifiesATimeout() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let result = try #require(
            try performOne(HTTPRequest(url: server.baseURL + "/delay/3000"), options: .init(timeoutMilliseconds: 200)))
        #expect(result.failure?.kind == .timeout)
        #expect(result.status == 0)
    }

    @Test func classifiesARefusedConnection() throws {
        let server = try TestServer.start()
        let url = server.baseURL + "/ok"
        server.shutdown()
        let result = try #require(try performOne(HTTPRequest(url: url)))
        #expect(result.failure?.kind == .refused)
        #expect(Reachability.check(url: url, options: .init())?.kind == .refused)
    }

    @Test func classifiesAConnectionClosedMidResponse() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let result = try #require(try performOne(HTTPRequest(url: server.baseURL + "/close-mid-response")))
        #expect(result.failure?.kind == .reset)
    }

    @Test func sendsMethodHeadersAndBody() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let request = HTTPRequest(
            method: "PUT", url: server.baseURL + "/echo?x=1", headerLines: ["X-Test: yes", "Content-Type: text/plain"],
            body: Array("hello".utf8), keepBodyBytes: 65536, keepHeaders: true)
        let result = try #require(try performOne(request))
        let echo = String(decoding: result.body ?? [], as: UTF8.self)
        #expect(result.status == 200)
        #expect(echo.contains("PUT"))
        #expect(echo.contains("hello"))
        #expect(echo.lowercased().contains("x-test"))
        #expect(result.headers?.contains { $0.name.lowercased() == "content-type" } == true)
    }

    @Test func switchesMethodsOnOneHandle() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let multi = try MultiHandle(maxConnections: 4)
        let easy = try EasyHandle(options: .init())
        for (method, body) in [("POST", Array("a".utf8)), ("GET", nil), ("DELETE", nil), ("GET", nil)]
            as [(String, [UInt8]?)]
        {
            let request = HTTPRequest(method: method, url: server.baseURL + "/echo", body: body, keepBodyBytes: 4096)
            let result = try #require(try perform([(easy, request)], on: multi)[0])
            let echo = String(decoding: result.body ?? [], as: UTF8.self)
            #expect(echo.contains("\"\(method)\""), "expected \(method) in \(echo)")
        }
    }

    @Test func aShareKeepsCookiesAcrossHandles() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let share = try ShareHandle()
        let multi = try MultiHandle(maxConnections: 4)
        let a = try EasyHandle(options: .init(), share: share)
        let b = try EasyHandle(options: .init(), share: share)
        _ = try perform([(a, HTTPRequest(url: server.baseURL + "/set-cookie"))], on: multi)
        let withCookie = try perform([(b, HTTPRequest(url: server.baseURL + "/needs-cookie"))], on: multi)[0]
        #expect(withCookie?.status == 200)
        let stranger = try EasyHandle(options: .init(), share: try ShareHandle())
        let without = try perform([(stranger, HTTPRequest(url: server.baseURL + "/needs-cookie"))], on: multi)[0]
        #expect(without?.status == 401, "another user's jar is separate")
        b.clearCookies()
        let cleared = try perform([(a, HTTPRequest(url: server.baseURL + "/needs-cookie"))], on: multi)[0]
        #expect(cleared?.status == 401)
    }
}

@Suite("Routing")
struct RoutingTests {
    @Test func connectToRoutesAHostAndTheLocalAddressIsUsed() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        // The URL names a host that does not resolve; CONNECT_TO sends the connection to the test server instead.
        let options = TransferOptions(
            connectTo: ["staging.invalid:80:127.0.0.1:\(server.port)"], localAddress: "127.0.0.9")
        let result = try #require(
            try performOne(HTTPRequest(url: "http://staging.invalid/echo", keepBodyBytes: 4096), options: options))
        #expect(result.status == 200, "\(String(describing: result.failure))")
        let echo = String(decoding: result.body ?? [], as: UTF8.self)
        #expect(echo.contains("staging.invalid"), "the Host header keeps the URL's host: \(echo)")
    }
}
