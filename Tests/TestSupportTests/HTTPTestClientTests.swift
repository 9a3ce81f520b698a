import TestSupport
import Testing

/// The test HTTP client against `TestServer`: HEAD, HTTP/1.0, bodies, and how a request that gets no answer ends.
@Suite struct HTTPTestClientTests {
    @Test func headHasNoBodyAndTheConnectionStaysUsable() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let connection = try HTTPTestConnection.open(port: server.port)
        let head = try connection.send(.HEAD, "/bytes/100")
        #expect(head.status == 200 && head.body.isEmpty && head.header("Content-Length") == "100")
        #expect(try connection.send(.GET, "/bytes/100").body.count == 100)
        #expect(server.connectionCount == 1)
    }

    @Test func http10WithoutKeepAliveIsClosedByTheServer() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let connection = try HTTPTestConnection.open(port: server.port)
        #expect(try connection.send(.GET, "/ok", version: .http1_0).text == "ok")
        #expect(connection.serverCloses())
    }

    @Test func aResponseThatDoesNotComeInTimeIsATimeout() throws {
        let server = try TestServer.start()
        defer { server.shutdown() }
        let connection = try HTTPTestConnection.open(port: server.port, timeout: .milliseconds(200))
        #expect(throws: HTTPTestError.timedOut) { try connection.send(.GET, "/delay/5000") }
        #expect(connection.serverCloses(), "the client closed the connection it gave up on")
    }
}
