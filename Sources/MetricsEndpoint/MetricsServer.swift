import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// The `/metrics` endpoint of `rehearse probe --serve HOST:PORT`: a tiny HTTP/1.1 server for Prometheus to scrape.
///
/// - `GET /metrics`: 200, `Content-Type: text/plain; version=0.0.4; charset=utf-8`, the text that `metrics()`
///   returns at request time;
/// - `GET /`: a short HTML page that points to `/metrics`;
/// - `HEAD` on either: the same headers, no body; another method on them: 405; any other path: 404.
///
/// Connections are kept alive unless the client asks otherwise (HTTP/1.0 without `keep-alive`, or
/// `Connection: close`).
public final class MetricsServer: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let channel: Channel
    /// Whether `shutdown()` ran: closing a channel whose event loop is gone would wait forever.
    private let stopped = Atomic<Bool>(false)

    /// The address the server was asked to bind.
    public let host: String
    /// The port the server listens on (the real one when started with port 0).
    public let port: Int

    private init(group: MultiThreadedEventLoopGroup, channel: Channel, host: String) {
        self.group = group
        self.channel = channel
        self.host = host
        self.port = channel.localAddress?.port ?? 0
    }

    /// Starts the server and returns once it accepts connections.
    /// - Parameters:
    ///   - host: the address to bind, e.g. `127.0.0.1` (loopback only) or `0.0.0.0` (every interface).
    ///   - port: the port to bind; 0 picks a free one (read it back from `port`).
    ///   - metrics: called on the server's thread for each `GET /metrics`; must be quick and thread-safe.
    /// - Throws: `MetricsEndpointError` naming the address and the reason when it cannot listen.
    public static func start(host: String, port: Int, metrics: @escaping @Sendable () -> String) throws
        -> MetricsServer
    {
        guard (0...65_535).contains(port) else {
            throw MetricsEndpointError("cannot listen on \(display(host, port)): the port must be from 0 to 65535")
        }
        // One loop thread: a scrape every few seconds is all the traffic.
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            let channel = try bootstrap(group: group, metrics: metrics).bind(host: host, port: port).wait()
            return MetricsServer(group: group, channel: channel, host: host)
        } catch {
            try? group.syncShutdownGracefully()
            throw MetricsEndpointError("cannot listen on \(display(host, port)): \(reason(error))")
        }
    }

    private static func bootstrap(group: EventLoopGroup, metrics: @escaping @Sendable () -> String)
        -> ServerBootstrap
    {
        ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(MetricsHTTPHandler(metrics: metrics))
                }
            }
    }

    /// Blocks the calling thread until the server is shut down.
    public func waitUntilClosed() {
        try? channel.closeFuture.wait()
    }

    /// Closes the listener and all connections and stops the server's thread.
    /// Must not be called from the server's thread (i.e. not from `metrics`). Calling it twice is harmless.
    public func shutdown() {
        // A second call would wait on an event loop that is already gone.
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
    }

    /// `host:port` as bound (the real port when started with port 0), with brackets around an IPv6 address.
    public var address: String { Self.display(host, port) }

    /// `host:port`, with brackets around an IPv6 address.
    static func display(_ host: String, _ port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// A short reason for a bind failure: `Address already in use` rather than NIO's full `bind(descriptor:…)` text.
    private static func reason(_ error: Error) -> String {
        if let io = error as? IOError {
            return String(cString: strerror(io.errnoCode))
        }
        return String(describing: error)
    }
}

/// A bad `--serve` address or a server that cannot listen; the message says what to do.
public struct MetricsEndpointError: Error, CustomStringConvertible, Sendable, Equatable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
