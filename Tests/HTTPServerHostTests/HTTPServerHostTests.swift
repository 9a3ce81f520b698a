import HTTPServerHost
import NIOCore
import NIOHTTP1
import TestSupport
import Testing

/// The shared server host with a handler of its own: bind, port, one handler per connection, clean shutdown.
@Suite struct HTTPServerHostTests {
    /// Answers every request with the number of its connection.
    final class NumberedHandler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let number: Int

        init(number: Int) { self.number = number }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard case .end = unwrapInboundIn(data) else { return }
            let body = ByteBuffer(string: "\(number)")
            let head = HTTPResponseHead(
                version: .http1_1, status: .ok, headers: ["Content-Length": "\(body.readableBytes)"])
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }

    /// Connections accepted so far, counted by the handler factory.
    final class Accepted: @unchecked Sendable {
        // @unchecked: only touched on the host's single event-loop thread.
        var count = 0
    }

    @Test func eachConnectionGetsItsOwnHandlerOnTheReportedPort() throws {
        let accepted = Accepted()
        let host = try HTTPServerHost.start(host: "127.0.0.1", port: 0) {
            accepted.count += 1
            return NumberedHandler(number: accepted.count)
        }
        defer { host.shutdown() }
        #expect(host.port > 0 && host.host == "127.0.0.1")
        let first = try HTTPTestConnection.open(port: host.port)
        #expect(try first.send(.GET, "/").text == "1")
        #expect(try first.send(.GET, "/again").text == "1", "kept alive: the same handler")
        #expect(try HTTPTestClient.request(port: host.port, .GET, "/").text == "2")
    }

    @Test func shutdownClosesConnectionsAndIsIdempotent() throws {
        let host = try HTTPServerHost.start(host: "127.0.0.1", port: 0) { NumberedHandler(number: 0) }
        let connection = try HTTPTestConnection.open(port: host.port)
        #expect(try connection.send(.GET, "/").status == 200)
        host.shutdown()
        host.shutdown()
        #expect(connection.serverCloses())
        #expect(throws: (any Error).self) { try HTTPTestConnection.open(port: host.port) }
    }

    @Test func aBusyPortIsAnError() throws {
        let host = try HTTPServerHost.start(host: "127.0.0.1", port: 0) { NumberedHandler(number: 0) }
        defer { host.shutdown() }
        #expect(throws: (any Error).self) {
            try HTTPServerHost.start(host: "127.0.0.1", port: host.port) { NumberedHandler(number: 0) }.shutdown()
        }
    }
}
