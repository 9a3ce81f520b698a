import Foundation
import Testing
import Transport

/// HTTPS through libcurl against a real TLS server: Python's `ssl` module serving a self-signed certificate for
/// 127.0.0.1 (test fixture, not a secret).
@Suite("HTTPS")
struct TLSTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    @Test func trustsAPrivateCertificateWhenGivenAndRefusesOtherwise() throws {
        let server = try TLSServer.start(script: Self.fixtures.appendingPathComponent("tls_server.py").path)
        defer { server.stop() }
        let url = "https://127.0.0.1:\(server.port)/"
        let ca = Self.fixtures.appendingPathComponent("test-cert.pem").path
        let trusted = try #require(try performOne(HTTPRequest(url: url, keepBodyBytes: 16), options: .init(caFile: ca)))
        #expect(trusted.failure == nil)
        #expect(trusted.status == 200)
        #expect(trusted.timings.tlsMicros > 0, "a fresh HTTPS connection pays a TLS handshake")
        let untrusted = try #require(try performOne(HTTPRequest(url: url)))
        #expect(untrusted.failure?.kind == .tls)
    }
}

/// A Python HTTPS server in a child process; it prints its port, then serves until stopped.
struct TLSServer {
    let process: Process
    let port: Int

    static func start(script: String) throws -> TLSServer {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = try readLine(output.fileHandleForReading, within: 10)
        guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw TLSServerError.noPort(line)
        }
        return TLSServer(process: process, port: port)
    }

    /// Stops the server with SIGKILL: a child spawned from a dispatch thread inherits its blocked SIGTERM.
    /// Waits at most 2 s (Foundation's `waitUntilExit` can hang on Linux here).
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    }

    private static func readLine(_ handle: FileHandle, within seconds: Double) throws -> String {
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

enum TLSServerError: Error { case noPort(String) }
