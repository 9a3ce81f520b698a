import Foundation
import Netem
import Testing

extension NetemSocketTests {
    /// Bandwidth through real sockets, with a wide tolerance; the exact model (shared links, uploads, the instant
    /// of every slice) is checked on `EmbeddedEventLoop` in ``EmbeddedShapingTests``.
    @Suite struct BandwidthTests {
        @Test func downloadTakesBytesOverRatePlusItsRoundTrips() throws {
            // 100 KB at 800 kbit/s = 1.0 s, plus 2 RTT (held first bytes + request) = 1.1 s.
            let conditions = LinkConditions(rtt: .milliseconds(50), downBitsPerSecond: 800_000)
            try Harness.with(conditions) { harness in
                let start = ContinuousClock.now
                let client = try harness.client()
                try Harness.exchange(client, bytes: 100_000)
                let took = milliseconds(since: start)
                print("100 KB at 800 kbit/s, RTT 50 ms: \(took) ms (expected 1085)")
                // Never faster than the model; slower only by what a loaded machine's scheduler adds.
                #expect(took >= 1080 && took < 3000, "\(took) ms, expected 1085 ms")
            }
        }
    }
}
