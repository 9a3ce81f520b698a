import Foundation
import Testing
import TestSupport

/// Tests of `TestSupport.TestServer`, the misbehaving server other test targets rely on.
/// (Here for now; the lead may move them next to TestSupport's other users.)
@Suite("TestServer")
struct TestServerTests {
    @Test func okEndpointCountsRequestsAndReusesTheConnection() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let connection = try MiniConnection(port: server.port)
        for _ in 0..<3 {
            let response = try connection.send("GET", "/ok?x=1")
            #expect(response.status == 200)
            #expect(response.text == "ok")
        }
        #expect(try connection.send("POST", "/echo", body: "x").status == 200)
        #expect(server.requestCount(path: "/ok") == 3)
        #expect(server.requestCount(path: "/echo") == 1)
        #expect(server.requestCount() == 4)
        #expect(server.connectionCount == 1)
        #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
        server.resetCounts()
        #expect(server.requestCount() == 0)
        #expect(server.connectionCount == 0)
    }

    @Test func connectionCloseIsHonoured() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let connection = try MiniConnection(port: server.port, timeout: 2)
        let response = try connection.send("GET", "/ok", headers: [("Connection", "close")])
        #expect(response.header("Connection")?.lowercased() == "close")
        #expect(connection.peerClosed())
    }

    @Test func delayWaitsOnTheEventLoopWithoutBlockingOthers() async throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let port = server.port
        async let slow = MiniHTTP.onThread { try MiniHTTP.request(port: port, "GET", "/delay/300") }
        try await Task.sleep(for: .milliseconds(50))
        let fast = try await MiniHTTP.onThread { try MiniHTTP.request(port: port, "GET", "/ok") }
        let delayed = try await slow
        #expect(delayed.status == 200)
        #expect(delayed.elapsed >= 0.29 && delayed.elapsed < 3)
        #expect(fast.elapsed < 0.2)  // the delay timer did not hold up the loop
    }

    @Test(arguments: [200, 201, 204, 404, 500, 503])
    func statusEndpointAnswersWithThatStatus(code: Int) throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let connection = try MiniConnection(port: server.port)
        #expect(try connection.send("GET", "/status/\(code)").status == code)
        #expect(try connection.send("GET", "/ok").status == 200)  // still usable afterwards
    }

    @Test func bytesAndDripSendExactlyNBytes() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        #expect(try MiniHTTP.request(port: server.port, "GET", "/bytes/100000").body.count == 100_000)
        let drip = try MiniHTTP.request(port: server.port, "GET", "/drip/5/60")
        #expect(drip.body.count == 5)
        #expect(drip.elapsed >= 0.25 && drip.elapsed < 3)
    }

    @Test func closeMidResponseTruncatesTheBody() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        #expect(throws: MiniHTTPError.truncated(received: 10)) {
            try MiniHTTP.request(port: server.port, "GET", "/close-mid-response", timeout: 3)
        }
    }

    @Test func stallOnceStallsOnlyTheFirstRequest() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let connection = try MiniConnection(port: server.port)
        #expect(try connection.send("GET", "/stall-once/300").elapsed >= 0.29)
        #expect(try connection.send("GET", "/stall-once/300").elapsed < 0.2)
        server.rearmStallOnce()
        #expect(try connection.send("GET", "/stall-once/300").elapsed >= 0.29)
        #expect(server.requestCount(path: "/stall-once/300") == 3)
    }

    @Test func echoReflectsTheRequest() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let response = try MiniHTTP.request(
            port: server.port, "PUT", "/echo?name=a+b&n=%31", headers: [("X-Token", "t-1")], body: "{\"k\":1}")
        let json = response.json
        #expect(response.header("Content-Type") == "application/json")
        #expect(json["method"] as? String == "PUT")
        #expect(json["path"] as? String == "/echo")
        #expect(json["query"] as? [String: String] == ["name": "a b", "n": "1"])
        #expect(json["raw_query"] as? String == "name=a+b&n=%31")
        #expect((json["headers"] as? [String: String])?["x-token"] == "t-1")
        #expect(json["body"] as? String == "{\"k\":1}")
    }

    @Test func jsonEndpointAndCookies() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let json = try MiniHTTP.request(port: server.port, "GET", "/json")
        #expect(json.text == #"{"token":"abc123","items":[{"id":7},{"id":8}],"ok":true}"#)
        #expect(json.header("X-Request-Id") == "req-42")
        let cookie = try MiniHTTP.request(port: server.port, "GET", "/set-cookie")
        #expect(cookie.header("Set-Cookie") == "session=s1; Path=/")
        #expect(try MiniHTTP.request(port: server.port, "GET", "/needs-cookie").status == 401)
        let withCookie = try MiniHTTP.request(
            port: server.port, "GET", "/needs-cookie", headers: [("Cookie", "a=b; session=s1")])
        #expect(withCookie.status == 200)
        #expect(try MiniHTTP.request(port: server.port, "GET", "/nope").status == 404)
        #expect(try MiniHTTP.request(port: server.port, "GET", "/delay/abc").status == 404)
    }

    @Test func curlSeesTheSameServer() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-s", "--max-time", "5", "\(server.baseURL)/ok", "\(server.baseURL)/ok"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(String(decoding: output, as: UTF8.self) == "okok")
        #expect(server.connectionCount == 1)  // curl reused the kept-alive connection
    }
}

@Suite("Golden")
struct GoldenTests {
    private func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "golden-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func matchingMissingAndDifferentFiles() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: Golden.Mismatch.self) { try Golden.assertMatches("a\n", file: "x.txt", directory: directory) }
        try "a\nb\n".write(toFile: directory + "/x.txt", atomically: true, encoding: .utf8)
        try Golden.assertMatches("a\nb\n", file: "x.txt", directory: directory)
        do {
            try Golden.assertMatches("a\nc\n", file: "x.txt", directory: directory)
            Issue.record("a different text must not match")
        } catch let mismatch as Golden.Mismatch {
            #expect(mismatch.description.contains("line 2"))
        }
    }
}
