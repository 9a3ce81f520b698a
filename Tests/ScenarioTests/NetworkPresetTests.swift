import Foundation
import Testing

@testable import Scenario

/// The built-in presets, and `Profiles/network/*.yaml`, which must say exactly the same.
@Suite struct NetworkPresetTests {
    /// `Profiles/network` in the repository, found from this file (Tests/ScenarioTests/…).
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Profiles/network").path

    static func presetFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }.sorted()
    }

    @Test func everyFileDecodesToTheBuiltInPresetOfItsName() throws {
        let files = try Self.presetFiles()
        #expect(!files.isEmpty)
        for file in files {
            let path = Self.folder + "/" + file
            let conditions = try NetworkDecoder.decode(yaml: String(contentsOfFile: path, encoding: .utf8), file: path)
            let name = String(file.dropLast(".yaml".count))
            let preset = NetworkPresets.named(name)
            #expect(preset != nil, "\(file) has no built-in preset")
            #expect(conditions == preset?.conditions, "\(file) differs from the built-in \(name)")
        }
    }

    @Test func everyBuiltInPresetHasAFile() throws {
        let files = Set(try Self.presetFiles())
        for preset in NetworkPresets.all {
            #expect(files.contains(preset.name + ".yaml"), "Profiles/network/\(preset.name).yaml is missing")
        }
    }

    @Test func namesAreUniqueAndTheConditionsCarryThem() {
        #expect(Set(NetworkPresets.names).count == NetworkPresets.all.count)
        for preset in NetworkPresets.all {
            #expect(preset.conditions.name == preset.name)
            #expect(!preset.sources.isEmpty && !preset.description.isEmpty, "\(preset.name)")
            #expect(preset.conditions.jitter == .zero && preset.conditions.faults.isEmpty)
        }
        #expect(NetworkPresets.named("slow-4g")?.name == "slow-4g")
        #expect(NetworkPresets.named("slow-5g") == nil)
    }

    /// The numbers of the research notes' table (§3): RTT in ms, down and up in kbit/s (nil = unlimited).
    @Test func numbersMatchTheNotes() {
        let expected: [(String, Double, Int?, Int?)] = [
            ("slow-3g", 400, 500, 500), ("slow-4g", 150, 1600, 750), ("fast-4g", 60, 9000, 1500),
            ("regular-3g", 300, 700, 700), ("wpt-3g", 300, 1600, 768), ("lte", 70, 12000, 12000),
            ("dsl", 50, 1500, 384), ("cable", 28, 5000, 1000), ("fios", 4, 20000, 5000), ("edge", 840, 240, 200),
            ("2g", 800, 280, 256), ("same-az", 0.5, nil, nil), ("cross-az", 1.5, nil, nil),
            ("same-continent", 20, nil, nil), ("transatlantic", 80, nil, nil), ("us-east-eu-central", 89, nil, nil),
            ("transpacific", 145, nil, nil), ("us-east-ap-southeast-2", 230, nil, nil),
        ]
        #expect(NetworkPresets.names == expected.map(\.0))
        for (name, rtt, down, up) in expected {
            let c = NetworkPresets.named(name)?.conditions
            #expect(c?.rtt == .microseconds(Int64(rtt * 1000)), "\(name)")
            #expect(c?.downBitsPerSecond == down.map { $0 * 1000 }, "\(name)")
            #expect(c?.upBitsPerSecond == up.map { $0 * 1000 }, "\(name)")
        }
    }

    @Test func summaryTexts() {
        #expect(
            NetworkPresets.named("slow-4g")?.conditions.summaryText
                == "slow-4g (150ms RTT, 1.6 Mbit/s down, 750 kbit/s up)")
        #expect(NetworkPresets.named("same-az")?.conditions.summaryText == "same-az (0.5ms RTT)")
        let custom = NetworkConditions(
            rtt: .milliseconds(120), jitter: .milliseconds(15), downBitsPerSecond: 1_536_000,
            faults: [
                NetworkFault(kind: .refuse, probability: 0.05),
                NetworkFault(kind: .reset(after: nil, bytes: 1000), probability: 0.005, direction: .down),
            ])
        #expect(
            custom.summaryText
                == "custom (120ms RTT, jitter 15ms, 1536 kbit/s down, unlimited up, faults: refuse (5%), "
                + "reset after 1000 bytes (0.5%, down only))")
        #expect(NetworkConditions(name: "none").summaryText == "none")
    }
}
