import Foundation

/// An HTTPS server for tests: Python's `ssl` module serving 200 "ok" with the self-signed certificate for
/// 127.0.0.1 in `Fixtures/` (test material, not a secret), in a child process.
public struct TLSTestServer: Sendable {
    public let port: Int
    private let pid: Int32

    /// The fixtures folder next to this source file.
    public static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    /// The certificate to trust (`--ca-file`).
    public static var certificate: String { fixtures.appendingPathComponent("test-cert.pem").path }

    public static func start() throws -> TLSTestServer {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", fixtures.appendingPathComponent("tls_server.py").path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = readLine(output.fileHandleForReading, within: 10)
        guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(process.processIdentifier, SIGKILL)
            throw TLSTestServerError.noPort(line)
        }
        return TLSTestServer(port: port, pid: process.processIdentifier)
    }

    public var baseURL: String { "https://127.0.0.1:\(port)" }

    /// Stops the server with SIGKILL: a child spawned from a dispatch thread inherits its blocked SIGTERM.
    public func stop() {
        kill(pid, SIGKILL)
    }

    private static func readLine(_ handle: FileHandle, within seconds: Double) -> String {
        var data = Data()
        let deadline = Date().addingTimeInterval(seconds)
        while !data.contains(UInt8(ascii: "\n")), Date() < deadline {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            data.append(chunk)
        }
        return String(decoding: data, as: UTF8.self)
    }
}

public enum TLSTestServerError: Error { case noPort(String) }
