import Foundation
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

        let first = try Curl.get("http://127.0.0.1:\(server.port)/metrics")
        #expect(first.status == 200)
        #expect(first.header("content-type") == "text/plain; version=0.0.4; charset=utf-8")
        #expect(first.body == "probe_value 0\n")
        #expect(first.header("content-length") == "14")

        counter.next()
        let second = try Curl.get("http://127.0.0.1:\(server.port)/metrics?x=1")
        #expect(second.body == "probe_value 1\n", "the provider is asked at request time")
    }

    @Test func indexPointsToMetricsAndOtherPathsAre404() throws {
        let server = try MetricsServer.start(host: "127.0.0.1", port: 0) { "x 1\n" }
        defer { server.shutdown() }
        let index = try Curl.get("http://127.0.0.1:\(server.port)/")
        #expect(index.status == 200)
        #expect(index.body.contains("/metrics"))
        #expect(index.header("content-type")?.hasPrefix("text/html") == true)

        let missing = try Curl.get("http://127.0.0.1:\(server.port)/nope")
        #expect(missing.status == 404)
        #expect(try Curl.get("http://127.0.0.1:\(server.port)/metrics/x").status == 404)

        let post = try Curl.get("http://127.0.0.1:\(server.port)/metrics", extra: ["-X", "POST", "--data", "a=1"])
        #expect(post.status == 405)
        #expect(post.header("allow") == "GET, HEAD")
    }

    @Test func headHasTheHeadersAndNoBody() throws {
        let server = try MetricsServer.start(host: "127.0.0.1", port: 0) { "probe_value 42\n" }
        defer { server.shutdown() }
        let url = "http://127.0.0.1:\(server.port)/metrics"
        let head = try Curl.get(url, extra: ["--head"])
        #expect(head.status == 200)
        #expect(head.header("content-type") == "text/plain; version=0.0.4; charset=utf-8")
        #expect(head.header("content-length") == "15")
        // With --head, curl writes the headers where the body would go: nothing else is there.
        #expect(head.body.hasSuffix("\r\n\r\n") && !head.body.contains("probe_value"))

        // HEAD then GET on one connection: a body sent after HEAD would corrupt the GET's response.
        let both = try Curl.run([
            "--head", url, "-o", "/dev/null", "-w", "%{http_code} %{num_connects}\n", "--next",
            url, "-w", "%{http_code} %{num_connects}\n",
        ])
        #expect(both.stdout == "200 1\nprobe_value 42\n200 0\n", "\(both.stderr)")
    }

    @Test func keepAliveReusesTheConnection() throws {
        let server = try MetricsServer.start(host: "127.0.0.1", port: 0) { "x 1\n" }
        defer { server.shutdown() }
        let url = "http://127.0.0.1:\(server.port)/metrics"
        // Two transfers in one curl: the second reuses the first's connection (0 new connects).
        let both = try Curl.run([
            url, url, "-o", "/dev/null", "-o", "/dev/null", "-w", "%{http_code} %{num_connects}\n",
        ])
        #expect(both.stdout == "200 1\n200 0\n", "\(both.stderr)")

        // HTTP/1.0 without keep-alive: the server closes after the response.
        let old = try Curl.get(url, extra: ["--http1.0"])
        #expect(old.status == 200)
        #expect(old.header("connection")?.lowercased() == "close")
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

/// Runs `/usr/bin/curl` with a bounded wait (curl's own `--max-time`, and a kill after a little more).
enum Curl {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    struct Response {
        var status: Int
        var headers: [(String, String)]
        var body: String

        /// The first header of that name (case-insensitive).
        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// One request; the status, headers and body.
    static func get(_ url: String, extra: [String] = []) throws -> Response {
        let io = FileManager.default.temporaryDirectory.appendingPathComponent("rehearsal-curl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: io, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: io) }
        let headersFile = io.appendingPathComponent("headers").path
        let bodyFile = io.appendingPathComponent("body").path
        let out = try run(extra + ["-D", headersFile, "-o", bodyFile, "-w", "%{http_code}", url])
        guard out.status == 0, let status = Int(out.stdout) else {
            throw Failure(description: "curl \(url) failed (exit \(out.status)): \(out.stderr)")
        }
        let headerText = (try? String(contentsOfFile: headersFile, encoding: .utf8)) ?? ""
        let headers: [(String, String)] = headerText.split(separator: "\r\n").dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let body = (try? String(contentsOfFile: bodyFile, encoding: .utf8)) ?? ""
        return Response(status: status, headers: headers, body: body)
    }

    static func run(_ arguments: [String], timeout: Double = 10) throws -> Output {
        let io = FileManager.default.temporaryDirectory.appendingPathComponent("rehearsal-curl-io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: io, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: io) }
        let outURL = io.appendingPathComponent("stdout")
        let errURL = io.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["--silent", "--show-error", "--max-time", "5", "--noproxy", "*"] + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = exited.wait(timeout: .now() + 2)
            throw Failure(description: "curl \(arguments.joined(separator: " ")) did not exit within \(timeout)s")
        }
        return Output(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }
}
