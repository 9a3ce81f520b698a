import Foundation
import Testing

@testable import Scenario

/// Every example profile the repository ships loads without error, so the README's examples stay runnable.
@Suite struct ExampleProfilesTests {
    static let profiles = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Profiles")

    /// YAML files under Profiles/ with a top-level `target:` (flows and network presets have none).
    static func exampleProfiles() throws -> [URL] {
        let files =
            FileManager.default.enumerator(at: profiles, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "yaml" } ?? []
        return try files.filter { url in
            try String(contentsOf: url, encoding: .utf8).split(separator: "\n").contains { $0.hasPrefix("target:") }
        }.sorted { $0.path < $1.path }
    }

    @Test func everyExampleProfileLoads() throws {
        let found = try Self.exampleProfiles()
        #expect(found.map(\.lastPathComponent).contains("release-gate.yaml"))
        #expect(found.count >= 4)
        let loader = ProfileLoader(environment: ["DEMO_ADMIN_PASSWORD": "demo-admin"])
        for url in found {
            do {
                _ = try loader.load(path: url.path)
            } catch {
                Issue.record("\(url.path): \(error)")
            }
        }
        let gate = try loader.load(path: Self.profiles.appendingPathComponent("release-gate.yaml").path)
        #expect(gate.scenarios.map(\.load.executor.name) == ["ramping-arrival-rate", "constant-vus"])
        #expect(gate.abortWhen.count == 1 && gate.target.maxRate == 200)
    }
}
