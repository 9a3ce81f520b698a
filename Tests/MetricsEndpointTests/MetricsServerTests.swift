import Foundation
import TestSupport
import Testing

@testable import MetricsEndpoint

@Suite("MetricsServer: the /metrics endpoint of `rehearse probe --serve`")
struct MetricsServerTests {
    /// A value the tests change between scrapes.
    final class Counter: @unchecked Sendable {
        // @unchecked: `value` is only touched under `lock`.
        private let lock = NSLock()
        private var value = 0
        func next() { lock.withLock { value += 1 } }
        var text: String { lock.withLock { "probe_value \(value)\n" } }
    }

    @Test func servesTheMetricsWithTheTextFormatContentType() throws {
        let counter = Counter()
        let server = try MetricsServer.start(host: "127.0.0.1", port: 0) { counter.text }
        defer { server.shutdown() }
        #expect(server.port > 0)

        let first = try HTTPTestClient.request(port: server.port, .GET, "/metrics")
        #expect(first.status == 200)
        #expect(first.header("content-type") == "text/plain; version=0.0.4; charset=utf-8")
        #expect(first.text == "probe_value 0\n")
        #expect(first.header("content-length") == "14")

        counter.next()
        let second = try HTTPTestClient.request(port: server.port, .GET, "/metrics?x=1")
        #expect(second.text == "probe_value 1\n", "the provider is asked at request time")
    }

    @Test func indexPointsToMetricsAndOtherPathsAre404() throws {
        let server = try MetricsServer.start(host: "127.0.0.1", port: 0) { "x 1\n" }
        defer { server.shutdown() }
        let index = try HTTPTestClient.request(port: server.port, .GET, "/")
        #expect(index.status == 200)
        #expect(index.text.contains("/metrics"))
        #expect(index.header("content-type")?.hasPrefix("text/html") == true)

        let missing = try HTTPTestClient.request(port: server.port, .GET, "/nope")
        #expect(missing.status == 404)
        #expect(try HTTPTestClient.request(port: server.port, .GET, "/metrics/x").status == 404)

        let post = try HTTPTestClient.request(port: server.port, .POST, "/metrics", body: "a=1")
        #expect(post.status == 405)
        #expect(post.header("allow") == "GET, HEAD")
    }

    @Test func headHasTheHeadersAndNoBody() throws {
        let server = try MetricsServer.start(host: "127.0.0.1", port: 0) { "probe_value 42\n" }
        defer { server.shutdown() }
        let connection = try HTTPTestConnection.open(port: server.port)
        let head = try connection.send(.HEAD, "/metrics")
        #expect(head.status == 200)
        #expect(head.header("content-type") == "text/plain; version=0.0.4; charset=utf-8")
        #expect(head.header("content-length") == "15")
        #expect(head.body.isEmpty)
        // HEAD then GET on one connection: a body sent after HEAD would be read as the GET's response and corrupt it.
        let get = try connection.send(.GET, "/metrics")
        #expect(get.status == 200 && get.text == "probe_value 42\n")
    }

    @Test func keepAliveReusesTheConnection() throws {
        let server = try MetricsServer.start(host: "127.0.0.1", port: 0) { "x 1\n" }
        defer { server.shutdown() }
        // Two requests on one connection: the server keeps it open after the first.
        let connection = try HTTPTestConnection.open(port: server.port)
        #expect(try connection.send(.GET, "/metrics").status == 200)
        #expect(try connection.send(.GET, "/metrics").status == 200)
        #expect(!connection.serverCloses(within: .milliseconds(100)))

        // HTTP/1.0 without keep-alive: the server closes after the response.
        let old = try HTTPTestConnection.open(port: server.port)
        let response = try old.send(.GET, "/metrics", version: .http1_0)
        #expect(response.status == 200)
        #expect(response.header("connection")?.lowercased() == "close")
        #expect(old.serverCloses())
    }

    @Test func startReportsABusyPortClearly() throws {
        let server = try MetricsServer.start(host: "127.0.0.1", port: 0) { "" }
        defer { server.shutdown() }
        let error = #expect(throws: MetricsEndpointError.self) {
            let second = try MetricsServer.start(host: "127.0.0.1", port: server.port) { "" }
            second.shutdown()
        }
        #expect(error?.description == "cannot listen on 127.0.0.1:\(server.port): Address already in use")
        #expect(throws: MetricsEndpointError.self) { try MetricsServer.start(host: "127.0.0.1", port: 70_000) { "" } }
    }

    @Test func shutdownTwiceIsHarmless() throws {
        let server = try MetricsServer.start(host: "127.0.0.1", port: 0) { "" }
        server.shutdown()
        server.shutdown()
    }
}
