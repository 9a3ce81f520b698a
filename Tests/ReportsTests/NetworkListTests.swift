import Foundation
import Scenario
import TestSupport
import Testing

@testable import Reports

@Suite("NetworkList (rehearse network list)")
struct NetworkListTests {
    static let directory = Golden.directory(besides: #filePath)

    @Test func builtInPresetsGolden() throws {
        try Golden.assertMatches(
            NetworkList.render(NetworkPresets.all), file: "network-list.txt", directory: Self.directory)
    }

    @Test func jitterAndSeveralSourcesLineUp() {
        let preset = NetworkPreset(
            name: "office-vpn",
            conditions: NetworkConditions(
                rtt: .milliseconds(35), jitter: .milliseconds(5), downBitsPerSecond: 1_536_000),
            description: "the VPN", sources: ["first", "second"])
        let text = NetworkList.render([preset, NetworkPresets.named("lte")!])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "name         RTT  jitter         down         up  description")
        #expect(lines[1] == "office-vpn  35ms     5ms  1536 kbit/s  unlimited  the VPN")
        #expect(lines[2] == "lte         70ms       -    12 Mbit/s  12 Mbit/s  WebPageTest LTE")
        #expect(lines[5] == "office-vpn  first")
        #expect(lines[6] == "            second")
        #expect(!lines.contains { $0.hasSuffix(" ") })
    }
}
