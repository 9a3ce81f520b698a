import Testing

@testable import Verdicts

/// The number formats every verdict and report prints.
@Suite("Format")
struct FormatTests {
    @Test func latency() {
        #expect(Format.latency(0) == "0ms")
        #expect(Format.latency(0.423) == "0.42ms")
        #expect(Format.latency(12.34) == "12.3ms")
        #expect(Format.latency(850) == "850ms")
        #expect(Format.latency(1_240) == "1.24s")
        #expect(Format.latency(2_000) == "2s")
    }

    @Test func percentAndCounts() {
        #expect(Format.percent(0, of: 0) == "0%")
        #expect(Format.percent(1, of: 3) == "33%")
        #expect(Format.percent(1, of: 400) == "0.3%")
        #expect(Format.percent(10, of: 10) == "100%")
        #expect(Format.count(0) == "-")
        #expect(Format.count(7) == "7")
        #expect(Format.rate(98.04) == "98")
        #expect(Format.rate(12.34) == "12.3")
        #expect(Format.rate(1_618.7) == "1619")
    }
}
