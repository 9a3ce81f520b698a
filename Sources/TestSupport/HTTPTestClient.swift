import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A small HTTP/1.1 client for tests: SwiftNIO's own HTTP codec (NIOHTTP1's request encoder and response decoder)
/// over a `ClientBootstrap`, with a blocking API and a bounded wait for every response.
///
/// Why NIO and not libcurl through the project's `Transport`: this client checks the servers (the test server the
/// transport and engine are tested against, the demo target, the metrics endpoint) and the standalone proxy; a client
/// made of the code under test could hide its own bugs in those tests. NIO is already a dependency, its decoder is
/// strict (a body cut short of its `Content-Length` is an error, not a short read, and a `HEAD` answer has no body),
/// and a test can hold one kept-alive connection and see the moment the server closes it.
public final class HTTPTestConnection: Sendable {
    private let channel: any Channel
    private let collector: NIOLoopBound<ResponseCollector>
    private let timeout: Duration

    private init(channel: any Channel, collector: NIOLoopBound<ResponseCollector>, timeout: Duration) {
        self.channel = channel
        self.collector = collector
        self.timeout = timeout
    }

    /// Connects to `host:port`; every response must be complete within `timeout` of its request.
    public static func open(
        host: String = "127.0.0.1", port: Int, timeout: Duration = .seconds(10)
    ) throws -> HTTPTestConnection {
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let channel = try ClientBootstrap(group: loop)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connectTimeout(.seconds(5))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(ResponseCollector())
                }
            }
            .connect(host: host, port: port).wait()
        let collector = try channel.eventLoop.submit {
            NIOLoopBound(try channel.pipeline.syncOperations.handler(type: ResponseCollector.self), eventLoop: loop)
        }.wait()
        return HTTPTestConnection(channel: channel, collector: collector, timeout: timeout)
    }

    /// Sends one request and waits for its whole response. Throws ``HTTPTestError`` when the response is cut short,
    /// never comes, or does not come within the connection's timeout (the connection is then closed, as a client
    /// that gives up does).
    public func send(
        _ method: HTTPMethod = .GET, _ path: String, headers: [(String, String)] = [], body: String? = nil,
        version: HTTPVersion = .http1_1, host: String = "127.0.0.1"
    ) throws -> HTTPTestResponse {
        try start(method, path, headers: headers, body: body, version: version, host: host).wait()
    }

    /// Sends one request and returns the response's future, so a test can have requests on several connections in
    /// flight at once. One request at a time per connection.
    public func start(
        _ method: HTTPMethod = .GET, _ path: String, headers: [(String, String)] = [], body: String? = nil,
        version: HTTPVersion = .http1_1, host: String = "127.0.0.1"
    ) -> EventLoopFuture<HTTPTestResponse> {
        var fields = HTTPHeaders([("Host", host)] + headers)
        if let body { fields.replaceOrAdd(name: "Content-Length", value: String(body.utf8.count)) }
        let head = HTTPRequestHead(version: version, method: method, uri: path, headers: fields)
        let channel = self.channel
        let collector = self.collector
        let timeout = TimeAmount.nanoseconds(
            Int64(timeout.components.seconds) * 1_000_000_000
                + timeout.components.attoseconds / 1_000_000_000)
        return channel.eventLoop.flatSubmit {
            let response = collector.value.expect(timeout: timeout, on: channel)
            channel.write(HTTPClientRequestPart.head(head), promise: nil)
            if let body {
                channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(string: body))), promise: nil)
            }
            channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
            return response
        }
    }

    /// Whether the server closes the connection within `timeout`.
    public func serverCloses(within timeout: Duration = .seconds(5)) -> Bool {
        Wait.until(timeout: timeout) { !channel.isActive }
    }

    /// Closes the connection.
    public func close() {
        try? channel.close().wait()
    }

    deinit {
        channel.close(promise: nil)
    }
}

/// One request on a fresh connection, closed afterwards.
public enum HTTPTestClient {
    public static func request(
        port: Int, _ method: HTTPMethod = .GET, _ path: String, headers: [(String, String)] = [],
        body: String? = nil, timeout: Duration = .seconds(10)
    ) throws -> HTTPTestResponse {
        let connection = try HTTPTestConnection.open(port: port, timeout: timeout)
        defer { connection.close() }
        return try connection.send(method, path, headers: headers, body: body)
    }
}
