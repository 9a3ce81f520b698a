import Foundation
import Testing

@testable import Metrics

@Suite("Server-Timing, exemplars and waterfalls")
struct DiagnosisTests {
    @Test func parsesServerTimingAsBrowsersDo() {
        let metrics = ServerTimingMetric.parse([
            #"db;dur=53.2;desc="a, b; c", pool;dur=4"#, "cache;desc=hit", #"miss;dur="7.5""#, "bad name;dur=1",
            "neg;dur=-3, , app;DUR=12;dur=99",
        ])
        #expect(metrics.map(\.name) == ["db", "pool", "cache", "miss", "neg", "app"])
        #expect(metrics.map(\.milliseconds) == [53.2, 4, nil, 7.5, nil, 12], "the first dur wins; a bad one is none")
    }

    @Test func keepsAHistogramPerNameUpToSixteen() {
        var series = ServerTimingSeries()
        for i in 0..<20 {
            series.record([ServerTimingMetric(name: "m\(i)", milliseconds: 1), .init(name: "db", milliseconds: 5)])
        }
        #expect(series.names.count == 16)
        #expect(series.histogram("db")?.count == 20)
        #expect(series.dropped == 20 - 15, "m15…m19 are past the sixteenth name")
        #expect(series.responses == 20)
        var other = ServerTimingSeries()
        other.record([.init(name: "db", milliseconds: 7), .init(name: "new", milliseconds: 1)])
        series.add(other)
        #expect(series.histogram("db")?.count == 21)
        #expect(series.dropped == 6)
    }

    @Test func exemplarsKeepTheSlowestAndAMergeSafeSample() {
        var a = Exemplars()
        var b = Exemplars()
        var all = Exemplars()
        var random = SplitMix64(seed: 3)
        for i in 0..<200 {
            let e = Exemplar(micros: i * 10, trace: nil, atSeconds: 0, status: 200, error: nil, key: random.next())
            if i % 2 == 0 { a.offer(e) } else { b.offer(e) }
            all.offer(e)
        }
        a.add(b)
        #expect(a.slowest.map(\.micros) == [1990, 1980, 1970, 1960, 1950])
        #expect(a == all, "merging two reservoirs keeps what one reservoir of every request would")
    }

    @Test func iterationTracesStayBoundedPerRole() {
        var traces = IterationTraces()
        for i in 0..<100 {
            for role in ["admin", "user"] {
                traces.offer(
                    IterationTrace(
                        role: role, scenario: "default", vu: 1, iteration: i, atSeconds: 0, totalMicros: i,
                        failed: false, requests: [], key: UInt64(100 - i)))
            }
        }
        #expect(traces.slowest["user"]?.map(\.iteration) == [99, 98, 97, 96, 95])
        #expect(traces.sampled["admin"]?.count == IterationTraces.keepSampled)
    }

    @Test func traceIDsAreSavedAsHexAndReadBack() throws {
        let ref = TraceRef(traceHigh: 0x4bf9_2f35_77b3_4da6, traceLow: 0xa3ce_929d_0e0e_4736, span: 0xf067_aa0b_a902_b7)
        #expect(ref.traceID == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(ref.spanID == "00f067aa0ba902b7")
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let text = String(decoding: try encoder.encode(ref), as: UTF8.self)
        #expect(text.contains(#""trace_id":"4bf92f3577b34da6a3ce929d0e0e4736""#))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        #expect(try decoder.decode(TraceRef.self, from: Data(text.utf8)) == ref)
    }
}
