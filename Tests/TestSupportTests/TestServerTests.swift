import Foundation
import TestSupport
import Testing

/// Tests of `TestSupport.TestServer`, the misbehaving server other test targets rely on, through
/// ``HTTPTestConnection``. Timing: a delay is a timer, which never fires early, so lower bounds are exact; upper
/// bounds only tell "waited" from "did not wait" and are wide enough for a loaded 2-core machine.
@Suite("TestServer")
struct TestServerTests {
    @Test func okEndpointCountsRequestsAndReusesTheConnection() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let connection = try HTTPTestConnection.open(port: server.port)
        for _ in 0..<3 {
            let response = try connection.send(.GET, "/ok?x=1")
            #expect(response.status == 200)
            #expect(response.text == "ok")
        }
        #expect(try connection.send(.POST, "/echo", body: "x").status == 200)
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
        let connection = try HTTPTestConnection.open(port: server.port, timeout: .seconds(2))
        let response = try connection.send(.GET, "/ok", headers: [("Connection", "close")])
        #expect(response.header("Connection")?.lowercased() == "close")
        #expect(connection.serverCloses())
    }

    @Test func delayWaitsOnTheEventLoopWithoutBlockingOthers() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let slowConnection = try HTTPTestConnection.open(port: server.port)
        let slow = slowConnection.start(.GET, "/delay/1000")
        // Once the server holds the delayed request, a request on another connection is answered before it: the
        // delay is a timer, not a sleeping event loop.
        #expect(Wait.until { server.requestCount(path: "/delay/1000") == 1 })
        let fast = try HTTPTestClient.request(port: server.port, .GET, "/ok")
        let delayed = try slow.wait()
        #expect(delayed.status == 200 && fast.status == 200)
        #expect(delayed.elapsed >= 1.0 && delayed.elapsed < 5, "\(delayed.elapsed) s")
        #expect(fast.completedAt < delayed.completedAt, "the delay timer did not hold up the loop")
    }

    @Test(arguments: [200, 201, 204, 404, 500, 503])
    func statusEndpointAnswersWithThatStatus(code: Int) throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let connection = try HTTPTestConnection.open(port: server.port)
        #expect(try connection.send(.GET, "/status/\(code)").status == code)
        #expect(try connection.send(.GET, "/ok").status == 200)  // still usable afterwards
    }

    @Test func bytesAndDripSendExactlyNBytes() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        #expect(try HTTPTestClient.request(port: server.port, .GET, "/bytes/100000").body.count == 100_000)
        let drip = try HTTPTestClient.request(port: server.port, .GET, "/drip/5/60")
        #expect(drip.body.count == 5)
        #expect(drip.elapsed >= 0.3 && drip.elapsed < 5, "five bytes 60 ms apart: \(drip.elapsed) s")
    }

    @Test func closeMidResponseTruncatesTheBody() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        #expect(throws: HTTPTestError.truncated(received: 10)) {
            try HTTPTestClient.request(port: server.port, .GET, "/close-mid-response", timeout: .seconds(3))
        }
    }

    @Test func stallOnceStallsOnlyTheFirstRequest() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let connection = try HTTPTestConnection.open(port: server.port)
        #expect(try connection.send(.GET, "/stall-once/600").elapsed >= 0.6)
        #expect(try connection.send(.GET, "/stall-once/600").elapsed < 0.6, "no stall the second time")
        server.rearmStallOnce()
        #expect(try connection.send(.GET, "/stall-once/600").elapsed >= 0.6)
        #expect(server.requestCount(path: "/stall-once/600") == 3)
    }

    @Test func echoReflectsTheRequest() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let response = try HTTPTestClient.request(
            port: server.port, .PUT, "/echo?name=a+b&n=%31", headers: [("X-Token", "t-1")], body: "{\"k\":1}")
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
        let json = try HTTPTestClient.request(port: server.port, .GET, "/json")
        #expect(json.text == #"{"token":"abc123","items":[{"id":7},{"id":8}],"ok":true}"#)
        #expect(json.header("X-Request-Id") == "req-42")
        let cookie = try HTTPTestClient.request(port: server.port, .GET, "/set-cookie")
        #expect(cookie.header("Set-Cookie") == "session=s1; Path=/")
        #expect(try HTTPTestClient.request(port: server.port, .GET, "/needs-cookie").status == 401)
        let withCookie = try HTTPTestClient.request(
            port: server.port, .GET, "/needs-cookie", headers: [("Cookie", "a=b; session=s1")])
        #expect(withCookie.status == 200)
        #expect(try HTTPTestClient.request(port: server.port, .GET, "/nope").status == 404)
        #expect(try HTTPTestClient.request(port: server.port, .GET, "/delay/abc").status == 404)
    }
}
