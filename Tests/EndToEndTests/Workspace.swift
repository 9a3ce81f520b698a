import Foundation
import TestSupport
import Testing

/// A temporary folder holding a profile, its flow and a results folder.
struct Workspace {
    private let temporary: TemporaryFolder
    var folder: URL { temporary.url }

    init() throws {
        temporary = try TemporaryFolder("e2e")
    }

    var results: URL { folder.appendingPathComponent("results") }

    /// Writes `flow.yaml` and `profile.yaml`; returns the profile's path.
    @discardableResult
    func write(profile: String, flow: String? = nil, name: String = "profile.yaml") throws -> String {
        if let flow {
            try flow.write(to: folder.appendingPathComponent("flow.yaml"), atomically: true, encoding: .utf8)
        }
        let path = folder.appendingPathComponent(name)
        try profile.write(to: path, atomically: true, encoding: .utf8)
        return path.path
    }

    /// The one run folder `rehearse run --out <results>` created.
    func runFolder() throws -> URL {
        let entries = try FileManager.default.contentsOfDirectory(at: results, includingPropertiesForKeys: nil)
        let folders = entries.filter {
            $0.hasDirectoryPath || (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true
        }
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
        guard let e = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return []
        }
        return e.compactMap { $0 as? URL }.filter {
            (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
        }
    }

    func remove() { temporary.remove() }

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
