import DemoStaging
import Foundation
import TestSupport

/// Where one document's examples run, in order, as a reader would run them in a fresh checkout: a temporary folder
/// holding a copy of `Profiles/` (its demo target address, 127.0.0.1:8787, rewritten to the test's own demo server)
/// and whatever the commands write (flows, profiles, `Results/`).
final class DocWorkspace {
    /// The environment of every command and of every YAML example: the test's demo target as `BASE_URL`, the demo's
    /// admin password, and demo accounts for the role fields `rehearse import` asks for.
    static func environment(port: Int) -> [String: String] {
        [
            "BASE_URL": "http://127.0.0.1:\(port)", "DEMO_ADMIN_PASSWORD": "demo-admin",
            "ADMIN_EMAIL": "admin@demo.test", "ADMIN_PASSWORD": "demo-admin",
            "ROLE_EMAIL": "user1@demo.test", "ROLE_PASSWORD": "demo-user",
        ]
    }

    let folder: TemporaryFolder
    /// The demo target's port; `Profiles/` in the workspace points there.
    let port: Int
    private var server: DemoStagingServer?

    var path: String { folder.directory }
    var environment: [String: String] { Self.environment(port: port) }

    /// The demo target with the fixed policy (every query quick: the examples are checked for running, not for
    /// the demo's slow `user` query) and a copy of `Profiles/`.
    init() throws {
        folder = try TemporaryFolder("docs")
        let server = try Self.startServer(port: 0)
        self.server = server
        port = server.port
        try copyProfiles()
    }

    deinit {
        server?.shutdown()
        folder.remove()
    }

    private static func startServer(port: Int) throws -> DemoStagingServer {
        try DemoStagingServer.start(port: port, options: DemoOptions(rows: 200, policy: .fixed))
    }

    /// `Profiles/` with `127.0.0.1:8787` → the test's demo target.
    private func copyProfiles() throws {
        let source = MarkdownDoc.root.appendingPathComponent("Profiles")
        let files = FileManager.default.enumerator(atPath: source.path)?.compactMap { $0 as? String } ?? []
        for relative in files {
            var isFolder: ObjCBool = false
            let from = source.appendingPathComponent(relative).path
            guard FileManager.default.fileExists(atPath: from, isDirectory: &isFolder), !isFolder.boolValue else {
                continue
            }
            try write("Profiles/" + relative, String(contentsOfFile: from, encoding: .utf8))
        }
    }

    /// Writes `text` to `relative`, the demo target's address pointed at the test's server.
    func write(_ relative: String, _ text: String) throws {
        try folder.write(relative, text.replacingOccurrences(of: "127.0.0.1:8787", with: "127.0.0.1:\(port)"))
    }

    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: absolute(relative))
    }

    func absolute(_ relative: String) -> String {
        relative.hasPrefix("/") ? relative : folder.path(relative)
    }

    /// The demo target runs (again, on the same port) for commands that send to it.
    func ensureServer() throws {
        if server == nil { server = try Self.startServer(port: port) }
    }

    /// Frees the port for `rehearse demo`, which serves the demo target itself.
    func stopServer() {
        server?.shutdown()
        server = nil
    }

    /// The newest run folder under `Results/` (its path from the workspace), if any.
    func newestRun() -> String? {
        let results = folder.path("Results")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: results)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: "\(results)/\($0)/summary.json") }.sorted().last
            .map { "Results/\($0)" }
    }

    /// The names in `relative`'s folder matching its last component (`Results/*-gate-*of8`), as workspace paths.
    func expand(_ pattern: String) -> [String] {
        // Split by hand: Foundation's NSString path methods crash on one-character paths (swift-corelibs-foundation).
        let slash = pattern.lastIndex(of: "/")
        let directory = slash.map { String(pattern[..<$0]) } ?? ""
        let last = slash.map { String(pattern[pattern.index(after: $0)...]) } ?? pattern
        guard !directory.contains("*") else { return [] }
        let names =
            (try? FileManager.default.contentsOfDirectory(atPath: absolute(directory.isEmpty ? "." : directory)))
        return (names ?? []).filter { fnmatch(last, $0, 0) == 0 }.sorted().map {
            directory.isEmpty ? $0 : "\(directory)/\($0)"
        }
    }

    /// Runs `rehearse ARGUMENTS` in the workspace (at most a minute).
    func run(_ arguments: [String], environment extra: [String: String] = [:]) async throws -> ChildProcess.Output {
        try await RehearseBinary.start(arguments, environment: environment.merging(extra) { $1 }, directory: path)
            .finished(timeout: .seconds(60))
    }
}
