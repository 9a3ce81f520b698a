import Testing

@testable import Scenario

/// Bad `network:` input: every error names the file, line, field and a fix.
@Suite struct NetworkDecoderErrorTests {
    @Test func unknownPresetSuggestsAndPointsToTheList() {
        let error = networkError("slow-4G-fast")
        #expect(
            error?.description == """
                p.yaml:1:10: error: network: unknown network preset "slow-4G-fast"
                  hint: did you mean "slow-4g"? rehearse network list shows every preset
                """)
        #expect(networkError("zzz-unheard-of")?.hint == "rehearse network list shows every preset")
        #expect(networkError("{ preset: fast4g }")?.field == "network.preset")
    }

    @Test func negativeNumbers() {
        let rtt = networkError("{ rtt: -100ms }")
        #expect(rtt?.field == "network.rtt")
        #expect(rtt?.message == "rtt cannot be negative, found -100ms")
        #expect(networkError("{ rtt: 10ms, jitter: -5 }")?.message == "jitter cannot be negative, found -5")
        #expect(networkError("{ down: -1mbit }")?.message == "bad rate \"-1mbit\" — rates cannot be negative")
        #expect(networkError("{ faults: [{ truncate: -5 }] }")?.message == "truncate cannot be negative, found -5")
        #expect(networkError("{ faults: [{ spike: 0ms }] }")?.message == "spike must be longer than 0ms")
    }

    @Test func unitlessNumbers() {
        let rtt = networkError("{ rtt: 100 }")
        #expect(
            rtt?.description == """
                p.yaml:1:17: error: network.rtt: bad duration "100" — expected a number with a unit
                  hint: add a unit, e.g. 100ms
                """)
        let down = networkError("{ rtt: 100ms, down: 1600 }")
        #expect(down?.field == "network.down")
        #expect(down?.hint == "add a unit, e.g. 1600kbit")
        #expect(networkError("{ rtt: 5ms, jitter: 1.5 }")?.hint == "add a unit, e.g. 1.5ms")
    }

    @Test func badRateUnits() {
        let bytes = networkError("{ down: 2MB/s }")
        #expect(bytes?.message == "bad rate \"2MB/s\" — unknown unit \"MB/s\"")
        #expect(bytes?.hint == "rates are in bits per second: kbit, mbit or gbit (1 MB/s = 8mbit)")
        let other = networkError("{ up: 5mbits }")
        #expect(other?.hint == "units are kbit, mbit and gbit (per second), e.g. 1600kbit")
        #expect(networkError("{ up: 0kbit }")?.hint == "write unlimited for no limit")
        #expect(networkError("{ up: fast }")?.message == "bad rate \"fast\" — expected a number with a unit")
    }

    @Test func jitterAboveRTTNeedsTheKey() {
        let error = networkError(
            """

              rtt: 10ms
              jitter: 30ms
            """)
        #expect(
            error?.description == """
                p.yaml:3:11: error: network.jitter: jitter 30ms is larger than rtt 10ms
                  hint: jitter is a random extra delay of up to that much; add allow_jitter_above_rtt: true if you mean it
                """)
        #expect(networkError("{ preset: cross-az, jitter: 2ms }")?.field == "network.jitter")
        #expect(
            networkError("{ jitter: 2ms, allow_jitter_above_rtt: maybe }")?.field == "network.allow_jitter_above_rtt")
    }

    @Test func probabilityOutsideZeroToOne() {
        let error = networkError("{ faults: [{ refuse: true, probability: 5 }] }")
        #expect(error?.field == "network.faults[0].probability")
        #expect(error?.message == "probability must be between 0 and 1, found 5")
        #expect(error?.hint == "write a number from 0 to 1, e.g. 0.05 for 5%")
        #expect(
            networkError("{ faults: [{ refuse: true, probability: -0.1 }] }")?.message
                == "probability must be between 0 and 1, found -0.1")
        #expect(
            networkError("{ faults: [{ refuse: true, probability: 5% }] }")?.message
                == "expected a probability from 0 to 1, found \"5%\"")
    }

    @Test func unknownFaultKindSuggests() {
        let error = networkError("{ faults: [{ blackhole: true }] }")
        #expect(
            error?.description == """
                p.yaml:1:23: error: network.faults[0].blackhole: unknown fault kind "blackhole"
                  hint: did you mean "black_hole"?
                """)
        let option = networkError("{ faults: [{ refuse: true, probabilty: 0.1 }] }")
        #expect(option?.message == "unknown key \"probabilty\"")
        #expect(option?.hint == "did you mean \"probability\"?")
        #expect(
            networkError("{ faults: [{ drop_packets: true }] }")?.hint
                == "fault kinds: refuse, black_hole, reset, truncate, slow_close, spike; options: probability, direction"
        )
    }

    @Test func twoFaultKindsInOneEntry() {
        let error = networkError("{ faults: [{ refuse: true, spike: 300ms }] }")
        #expect(error?.field == "network.faults[0].spike")
        #expect(error?.message == "one fault per entry: found refuse and spike")
        #expect(error?.hint == "put each fault in its own list entry, e.g. - { refuse: … } and - { spike: … }")
    }

    @Test func otherFaultMistakes() {
        #expect(networkError("{ faults: [{ probability: 0.5 }] }")?.message == "the fault has no kind")
        #expect(networkError("{ faults: [{ refuse: false }] }")?.hint == "remove the entry to turn the fault off")
        #expect(networkError("{ faults: [{ reset: {} }] }")?.message == "reset needs after or after_bytes")
        #expect(
            networkError("{ faults: [{ reset: { after: 1s, after_bytes: 5 } }] }")?.message
                == "give either after or after_bytes, not both")
        #expect(networkError("{ faults: [{ truncate: 5kb }] }")?.hint == "write the bytes without a unit, e.g. 500")
        #expect(networkError("{ faults: [{ spike: 1s, direction: downstream }] }")?.hint == "did you mean \"down\"?")
        #expect(networkError("{ faults: refuse }")?.message == "expected a list, found \"refuse\"")
    }

    @Test func unknownKeysAndShapes() {
        let key = networkError("{ latency: 100ms }")
        #expect(key?.message == "unknown key \"latency\"")
        #expect(networkError("{ rt: 100ms }")?.hint == "did you mean \"rtt\"?")
        #expect(networkError("{}")?.message == "give a preset or rtt, jitter, down, up or faults")
        #expect(networkError("[slow-4g]")?.message == "expected a network preset or mapping, found a list")
    }
}
