import Foundation
import Netem
import Testing

extension NetemSocketTests {
    /// Bandwidth: serialization adds to propagation, and one token bucket per link (client source address).
    @Suite struct BandwidthTests {
        @Test func downloadTakesBytesOverRatePlusItsRoundTrips() throws {
            // 100 KB at 800 kbit/s = 1.0 s, plus 2 RTT (held first bytes + request) = 1.1 s.
            let conditions = LinkConditions(rtt: .milliseconds(50), downBitsPerSecond: 800_000)
            try Harness.with(conditions) { harness in
                let start = ContinuousClock.now
                let client = try harness.client()
                try Harness.exchange(client, bytes: 100_000)
                let took = milliseconds(since: start)
                print("100 KB at 800 kbit/s, RTT 50 ms: \(took) ms (expected 1100)")
                #expect(took >= 1100 * 0.9 && took <= 1100 * 1.1, "\(took) ms, expected 1100 ms ± 10%")
            }
        }

        @Test func connectionsOfOneLinkShareItsBandwidth() throws {
            // Two 50 KB downloads at once at 800 kbit/s: 0.5 s each alone, 1.0 s together on one link.
            let conditions = LinkConditions(downBitsPerSecond: 800_000)
            try Harness.with(conditions) { harness in
                let sameLink = try downloadTogether(harness, sources: ["127.0.0.2", "127.0.0.2"])
                let twoLinks = try downloadTogether(harness, sources: ["127.0.0.3", "127.0.0.4"])
                print("two 50 KB downloads: one link \(sameLink) ms, two links \(twoLinks) ms")
                #expect(sameLink >= 900 && sameLink <= 1150, "one link: \(sameLink) ms, expected ~1000")
                #expect(twoLinks >= 450 && twoLinks <= 620, "two links: \(twoLinks) ms, expected ~500")
            }
        }

        @Test func uploadIsShapedToo() throws {
            // A 25 KB request line at 400 kbit/s up = 0.5 s before the server can answer.
            let conditions = LinkConditions(upBitsPerSecond: 400_000)
            try Harness.with(conditions) { harness in
                let client = try harness.client()
                let start = ContinuousClock.now
                try client.send(String(repeating: "0", count: 25_000) + "5\n")
                _ = try client.receive(exactly: 5)
                let took = milliseconds(since: start)
                #expect(took >= 450 && took <= 560, "\(took) ms, expected ~500")
            }
        }

        /// Downloads 50 KB on one connection per source address at once; returns when the last one finished.
        private func downloadTogether(_ harness: Harness, sources: [String]) throws -> Double {
            let clients = try sources.map { try harness.client(source: $0) }
            let failures = LockedInt()
            let start = ContinuousClock.now
            nonisolated(unsafe) let shared = clients
            concurrently(clients.count) { index in
                do {
                    try shared[index].send("50000\n")
                    _ = try shared[index].receive(exactly: 50_000)
                } catch {
                    failures.add(1)
                }
            }
            #expect(failures.get() == 0)
            return milliseconds(since: start)
        }
    }
}
