import Foundation

/// An HTTPS server for tests: Python's `ssl` module serving 200 "ok" with the self-signed certificate for
/// 127.0.0.1 in `Fixtures/` (test material, not a secret), in a child process.
///
/// Not on ``HTTPServerHost``: terminating TLS in Swift would need swift-nio-ssl and its BoringSSL build, for the
/// one server in the project that speaks TLS (the load client verifies certificates; nothing else serves them).
public struct TLSTestServer: Sendable {
    public let port: Int
    private let child: ChildProcess

    /// The fixtures folder next to this source file.
    public static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    /// The certificate to trust (`--ca-file`).
    public static var certificate: String { fixtures.appendingPathComponent("test-cert.pem").path }

    /// Starts the server and returns once it printed its port (at most 10 s).
    public static func start() throws -> TLSTestServer {
        try start(script: "tls_server.py", arguments: [])
    }

    /// An HTTP/2-only server (ALPN h2) that answers every request, uploads included, with 200 "ok"
    /// `answerDelayMilliseconds` after the request ended (`Fixtures/h2_server.py`, on Python's h2 package).
    public static func startHTTP2(answerDelayMilliseconds: Int) throws -> TLSTestServer {
        try start(script: "h2_server.py", arguments: [String(answerDelayMilliseconds)])
    }

    private static func start(script: String, arguments: [String]) throws -> TLSTestServer {
        let child = try ChildProcess("python3", [fixtures.appendingPathComponent(script).path] + arguments)
        let line = Wait.until(
            timeout: .seconds(10), { child.stdoutSoFar }, until: { $0.contains("\n") || child.hasExited })
        guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            child.send(SIGKILL)
            throw TLSTestServerError.noPort(line + child.stderrSoFar)
        }
        return TLSTestServer(port: port, child: child)
    }

    public var baseURL: String { "https://127.0.0.1:\(port)" }

    /// Stops the server (SIGTERM) and waits for it.
    public func stop() {
        child.terminate()
        _ = try? child.wait(timeout: .seconds(5))
    }
}

public enum TLSTestServerError: Error { case noPort(String) }
