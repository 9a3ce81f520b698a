import Foundation
import Testing

/// Runs the built `rehearse` executable as a child process, with a bounded wait.
enum RehearseProcess {
    /// The package root, three levels above this file (`Tests/EndToEndTests/<file>`).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let binary = packageRoot.appendingPathComponent(".build/debug/rehearse")

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Seconds from launch to exit.
        var seconds: Double
        /// Everything printed, for messages.
        var transcript: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
    }

    struct NotBuilt: Error, CustomStringConvertible {
        var description: String {
            "\(binary.path) is missing: run `swift build` (or `swift build --build-tests`, as `make test` does) first"
        }
    }

    struct TimedOut: Error, CustomStringConvertible {
        var arguments: [String]
        var seconds: Double
        var description: String { "rehearse \(arguments.joined(separator: " ")) did not exit within \(seconds)s; killed" }
    }

    /// A started child whose output goes to files (so a full pipe can never block it).
    final class Child: @unchecked Sendable {
        // @unchecked: `process` is only used from the test's thread; the semaphore is thread-safe.
        let process = Process()
        let arguments: [String]
        private let exited = DispatchSemaphore(value: 0)
        private let outURL: URL
        private let errURL: URL
        private let started = Date()

        init(_ arguments: [String], environment: [String: String], directory: URL) throws {
            guard FileManager.default.isExecutableFile(atPath: RehearseProcess.binary.path) else { throw NotBuilt() }
            self.arguments = arguments
            let io = FileManager.default.temporaryDirectory.appendingPathComponent("rehearse-e2e-io-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: io, withIntermediateDirectories: true)
            outURL = io.appendingPathComponent("stdout")
            errURL = io.appendingPathComponent("stderr")
            for url in [outURL, errURL] where !FileManager.default.createFile(atPath: url.path, contents: nil) {
                throw Failure("cannot create \(url.path)")
            }
            process.executableURL = RehearseProcess.binary
            process.arguments = arguments
            process.currentDirectoryURL = directory
            var env = ProcessInfo.processInfo.environment
            env["NO_COLOR"] = "1"
            env["CI"] = "1"
            for (k, v) in environment { env[k] = v }
            process.environment = env
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = try FileHandle(forWritingTo: outURL)
            process.standardError = try FileHandle(forWritingTo: errURL)
            let exited = self.exited
            process.terminationHandler = { _ in exited.signal() }
            try process.run()
        }

        func interrupt() { process.interrupt() }

        func terminate() { process.terminate() }

        /// What the child has written to stderr so far.
        var stderrSoFar: String { (try? String(contentsOf: errURL, encoding: .utf8)) ?? "" }

        /// What the child has written to stdout so far.
        var stdoutSoFar: String { (try? String(contentsOf: outURL, encoding: .utf8)) ?? "" }

        /// Waits for the exit; kills the child and throws after `timeout` seconds.
        func wait(timeout: Double = 60) throws -> Output {
            if exited.wait(timeout: .now() + timeout) == .timedOut {
                process.terminate()
                if exited.wait(timeout: .now() + 2) == .timedOut {
                    kill(process.processIdentifier, SIGKILL)
                    _ = exited.wait(timeout: .now() + 2)
                }
                throw TimedOut(arguments: arguments, seconds: timeout)
            }
            let out = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
            let err = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(at: outURL.deletingLastPathComponent())
            return Output(status: process.terminationStatus, stdout: out, stderr: err,
                          seconds: Date().timeIntervalSince(started))
        }
    }

    /// Runs `rehearse ARGS` to its end (at most `timeout` seconds).
    static func run(
        _ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil, timeout: Double = 60
    ) throws -> Output {
        try Child(arguments, environment: environment, directory: directory ?? packageRoot).wait(timeout: timeout)
    }
}

/// A temporary folder holding a profile, its flow and a results folder.
struct Workspace {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("rehearse-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    var results: URL { folder.appendingPathComponent("results") }

    /// Writes `flow.yaml` and `profile.yaml`; returns the profile's path.
    @discardableResult
    func write(profile: String, flow: String? = nil, name: String = "profile.yaml") throws -> String {
        if let flow { try flow.write(to: folder.appendingPathComponent("flow.yaml"), atomically: true, encoding: .utf8) }
        let path = folder.appendingPathComponent(name)
        try profile.write(to: path, atomically: true, encoding: .utf8)
        return path.path
    }

    /// The one run folder `rehearse run --out <results>` created.
    func runFolder() throws -> URL {
        let entries = try FileManager.default.contentsOfDirectory(at: results, includingPropertiesForKeys: nil)
        let folders = entries.filter { $0.hasDirectoryPath || (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true }
        guard folders.count == 1, let only = folders.first else {
            throw Failure("expected one run folder under \(results.path), found \(entries.map(\.lastPathComponent))")
        }
        return only
    }

    /// `summary.json` of the run, as plain JSON objects.
    func summary() throws -> [String: Any] {
        let data = try Data(contentsOf: try runFolder().appendingPathComponent("summary.json"))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Failure("summary.json is not a JSON object")
        }
        return object
    }

    /// Every regular file under `url`, recursively.
    static func files(under url: URL) -> [URL] {
        guard let e = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        return e.compactMap { $0 as? URL }.filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    static func profileYAML(base: String, load: String, roles: String? = nil, extra: String = "") -> String {
        let defaultRoles = """
              admin:
                fields: { email: admin@example.test }
              user:
                fields: { email: user@example.test }
            """
        return """
            name: e2e
            target:
              base_url: \(base)
            flows: [flow.yaml]
            roles:
            \(roles ?? defaultRoles)
            load: \(load)
            timeouts: { request: 5s, connect: 2s, spinner: 2s }
            \(extra)
            """
    }
}

struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Dictionary where Key == String, Value == Any {
    func object(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
}
