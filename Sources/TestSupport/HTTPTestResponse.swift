import Foundation
import NIOCore
import NIOHTTP1

/// A whole response, with how long it took from sending the request to its last byte.
public struct HTTPTestResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// Seconds from the request's write to the response's end.
    public var elapsed: Double
    /// When the response's end arrived, to order responses of several connections.
    public var completedAt: ContinuousClock.Instant

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The first header called `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first(name: name)
    }

    /// The body parsed as a JSON object (empty when it is not one).
    public var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }
}

/// Why a response did not arrive whole.
public enum HTTPTestError: Error, Equatable {
    /// No complete response within the connection's timeout (the connection was closed).
    case timedOut
    /// The server closed after the head and `received` body bytes, short of what it announced.
    case truncated(received: Int)
    /// The server closed before any response.
    case closedBeforeResponse
    /// The response could not be parsed.
    case malformed(String)
}

/// Gathers the parts of each response on one connection and completes the request's promise.
final class ResponseCollector: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart

    private var promise: EventLoopPromise<HTTPTestResponse>?
    private var head: HTTPResponseHead?
    private var body: [UInt8] = []
    private var started = NIODeadline.now()
    private var timer: Scheduled<Void>?

    /// The response to the request about to be written; fails with ``HTTPTestError/timedOut`` after `timeout`.
    func expect(timeout: TimeAmount, on channel: any Channel) -> EventLoopFuture<HTTPTestResponse> {
        guard promise == nil else {
            return channel.eventLoop.makeFailedFuture(HTTPTestError.malformed("one request at a time per connection"))
        }
        let promise = channel.eventLoop.makePromise(of: HTTPTestResponse.self)
        self.promise = promise
        head = nil
        body = []
        started = .now()
        timer = channel.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            self.fail(.timedOut)
            channel.close(promise: nil)
        }
        return promise.futureResult
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
        case .body(let bytes):
            body += bytes.readableBytesView
        case .end:
            guard let head else { return fail(.malformed("a response end without a head")) }
            let seconds = Double((NIODeadline.now() - started).nanoseconds) / 1e9
            let response = HTTPTestResponse(
                status: Int(head.status.code), headers: head.headers, body: body, elapsed: seconds,
                completedAt: .now)
            timer?.cancel()
            let promise = self.promise
            self.promise = nil
            promise?.succeed(response)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // The decoder reports a close inside a body as an error; the test wants to know how much had arrived.
        fail(head == nil ? .malformed("\(error)") : .truncated(received: body.count))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(head == nil ? .closedBeforeResponse : .truncated(received: body.count))
        context.fireChannelInactive()
    }

    private func fail(_ error: HTTPTestError) {
        timer?.cancel()
        let promise = self.promise
        self.promise = nil
        promise?.fail(error)
    }
}
