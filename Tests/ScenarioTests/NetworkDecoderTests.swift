import Testing

@testable import Scenario

/// Decodes `text` as the value of a top-level `network:` key in a file `p.yaml` (so errors are on line 1 or later).
func decodeNetwork(_ text: String) throws(ScenarioError) -> NetworkConditions {
    let root = try YAMLDocument.root(yaml: "network: " + text, file: "p.yaml")
    return try NetworkDecoder.decode(try root.mapping(allowed: nil).required("network"))
}

/// The error decoding `text` as `network:` throws, or `nil` (recorded as a test failure).
func networkError(_ text: String) -> ScenarioError? {
    let error = scenarioError { try decodeNetwork(text) }
    if error == nil { Issue.record("expected an error for network: \(text)") }
    return error
}

@Suite struct NetworkDecoderTests {
    @Test func presetNameGivesThePresetWithItsName() throws {
        let slow = try decodeNetwork("slow-4g")
        #expect(
            slow
                == NetworkConditions(
                    name: "slow-4g", rtt: .milliseconds(150), downBitsPerSecond: 1_600_000, upBitsPerSecond: 750_000))
        #expect(try decodeNetwork("Slow-4G") == slow)
        #expect(try decodeNetwork("same-az").rtt == .microseconds(500))
    }

    @Test func noneIsPassThrough() throws {
        let none = try decodeNetwork("none")
        #expect(none == NetworkConditions(name: "none"))
        #expect(none.isPassThrough)
    }

    @Test func inlineMapping() throws {
        let c = try decodeNetwork("{ rtt: 120ms, jitter: 15ms, down: 10mbit, up: 2mbit }")
        #expect(
            c
                == NetworkConditions(
                    rtt: .milliseconds(120), jitter: .milliseconds(15), downBitsPerSecond: 10_000_000,
                    upBitsPerSecond: 2_000_000))
        #expect(c.name == nil)
    }

    @Test func rateUnits() throws {
        let cases: [(String, Int?)] = [
            ("500kbit", 500_000), ("1.6mbit", 1_600_000), ("1gbit", 1_000_000_000), ("768kbps", 768_000),
            ("2mbps", 2_000_000), ("10 Mbit/s", 10_000_000), ("0.5gbps", 500_000_000), ("unlimited", nil),
        ]
        for (text, bits) in cases {
            #expect(try decodeNetwork("{ rtt: 1ms, down: \(text) }").downBitsPerSecond == bits, "\(text)")
        }
    }

    @Test func presetWithOverridesDropsTheName() throws {
        let c = try decodeNetwork("{ preset: slow-4g, jitter: 20ms }")
        #expect(
            c
                == NetworkConditions(
                    rtt: .milliseconds(150), jitter: .milliseconds(20), downBitsPerSecond: 1_600_000,
                    upBitsPerSecond: 750_000))
        let unlimited = try decodeNetwork("{ preset: slow-4g, down: unlimited }")
        #expect(unlimited.downBitsPerSecond == nil && unlimited.upBitsPerSecond == 750_000)
    }

    @Test func presetWithFaultsOrUnchangedNumbersKeepsTheName() throws {
        let c = try decodeNetwork("{ preset: transatlantic, rtt: 80ms, faults: [{ refuse: true, probability: 0.05 }] }")
        #expect(c.name == "transatlantic")
        #expect(c.faults == [NetworkFault(kind: .refuse, probability: 0.05)])
    }

    @Test func everyFaultKind() throws {
        let c = try decodeNetwork(
            """

              rtt: 100ms
              faults:
                - { refuse: true, probability: 0.05 }
                - { black_hole: true, probability: 0.01 }
                - { reset: { after: 200ms }, probability: 0.1, direction: down }
                - { reset: { after_bytes: 1000 } }
                - { truncate: 500 }
                - { slow_close: 2s, direction: up }
                - { spike: 300ms, probability: 0.02 }
                - { refuse: true, probability: 1 }
            """)
        #expect(
            c.faults == [
                NetworkFault(kind: .refuse, probability: 0.05),
                NetworkFault(kind: .blackHole, probability: 0.01),
                NetworkFault(kind: .reset(after: .milliseconds(200), bytes: nil), probability: 0.1, direction: .down),
                NetworkFault(kind: .reset(after: nil, bytes: 1000)),
                NetworkFault(kind: .truncate(bytes: 500)),
                NetworkFault(kind: .slowClose(.seconds(2)), direction: .up),
                NetworkFault(kind: .spike(.milliseconds(300)), probability: 0.02),
                NetworkFault(kind: .refuse),
            ])
    }

    @Test func jitterAboveRTTWhenAllowed() throws {
        let c = try decodeNetwork("{ rtt: 10ms, jitter: 50ms, allow_jitter_above_rtt: true }")
        #expect(c.jitter == .milliseconds(50))
    }

    @Test func networkFileTakesItsFileName() throws {
        let c = try NetworkDecoder.decode(yaml: "rtt: 40ms  # comment\ndown: 10mbit\n", file: "x/office-vpn.yaml")
        #expect(c == NetworkConditions(name: "office-vpn", rtt: .milliseconds(40), downBitsPerSecond: 10_000_000))
        #expect(try NetworkDecoder.decode(yaml: "lte", file: "mobile.yaml").name == "lte")
    }

    @Test func commandLinePresetAndInline() throws {
        #expect(
            try NetworkDecoder.parse(commandLine: "transatlantic") == NetworkPresets.named("transatlantic")?.conditions)
        #expect(try NetworkDecoder.parse(commandLine: "{rtt: 100ms}") == NetworkConditions(rtt: .milliseconds(100)))
        #expect(try NetworkDecoder.parse(commandLine: "{ preset: slow-3g, up: 1mbit }").upBitsPerSecond == 1_000_000)
    }

    @Test func commandLineErrorsNameTheOption() {
        let unknown = scenarioError { try NetworkDecoder.parse(commandLine: "slow4g") }
        #expect(
            unknown?.description == """
                command line: error: --network: unknown network preset "slow4g"
                  hint: did you mean "slow-4g"? rehearse network list shows every preset
                """)
        let unitless = scenarioError { try NetworkDecoder.parse(commandLine: "{rtt: 100}") }
        #expect(unitless?.field == "--network.rtt")
        #expect(unitless?.line == nil)
        #expect(unitless?.hint == "add a unit, e.g. 100ms")
        let malformed = scenarioError { try NetworkDecoder.parse(commandLine: "{rtt: 100ms") }
        #expect(malformed?.field == "--network")
        #expect(malformed?.message.hasPrefix("malformed YAML") == true)
    }
}
