import Foundation
import HTTPServerHost
import NIOCore

/// The `/metrics` endpoint of `rehearse probe --serve HOST:PORT`: a tiny HTTP/1.1 server for Prometheus to scrape.
///
/// - `GET /metrics`: 200 with the metrics at request time, in the format the scraper's `Accept` prefers among those
///   served: OpenMetrics 1.0.0 (`application/openmetrics-text`, with exemplars) or the Prometheus text format 0.0.4
///   (`text/plain; version=0.0.4`, also without an `Accept`);
/// - `GET /`: a short HTML page that points to `/metrics`;
/// - `HEAD` on either: the same headers, no body; another method on them: 405; any other path: 404.
///
/// Connections are kept alive unless the client asks otherwise (HTTP/1.0 without `keep-alive`, or
/// `Connection: close`).
public final class MetricsServer: Sendable {
    private let server: HTTPServerHost

    /// The address the server was asked to bind.
    public var host: String { server.host }
    /// The port the server listens on (the real one when started with port 0).
    public var port: Int { server.port }

    private init(server: HTTPServerHost) {
        self.server = server
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
        try start(host: host, port: port, formats: { $0 == .prometheus ? metrics() : nil })
    }

    /// Starts a server that serves every format `formats` answers (nil: not served), chosen from the scraper's
    /// `Accept` header (OpenMetrics when preferred and served, else the Prometheus text format).
    public static func start(host: String, port: Int, formats: @escaping @Sendable (MetricsFormat) -> String?) throws
        -> MetricsServer
    {
        guard (0...65_535).contains(port) else {
            throw MetricsEndpointError("cannot listen on \(display(host, port)): the port must be from 0 to 65535")
        }
        do {
            // A scrape every few seconds is all the traffic: a short listen queue.
            let server = try HTTPServerHost.start(host: host, port: port, backlog: 64) {
                MetricsHTTPHandler(metrics: formats)
            }
            return MetricsServer(server: server)
        } catch {
            throw MetricsEndpointError("cannot listen on \(display(host, port)): \(reason(error))")
        }
    }

    /// Blocks the calling thread until the server is shut down.
    public func waitUntilClosed() {
        server.waitUntilClosed()
    }

    /// Closes the listener and all connections and stops the server's thread.
    /// Must not be called from the server's thread (i.e. not from `metrics`). Calling it twice is harmless.
    public func shutdown() {
        server.shutdown()
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
