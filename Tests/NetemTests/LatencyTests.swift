import Foundation
import Netem
import TestSupport
import Testing

extension NetemSocketTests {
    /// Round trips and connect gating at RTT 100 ms through real sockets. The exact instants are checked on
    /// `EmbeddedEventLoop` (``EmbeddedLatencyTests``); here the lower bounds are exact (the proxy may never be faster
    /// than the model) and the upper bounds are what a loaded 2-core machine meets.
    @Suite struct LatencyTests {
        @Test func freshConnectionPaysTwoRoundTripsAndAReusedOneOne() throws {
            try Harness.with(LinkConditions(rtt: .milliseconds(100))) { harness in
                let start = ContinuousClock.now
                let client = try harness.client()
                try client.send("100\n")
                _ = try client.receive(exactly: 100)
                let fresh = milliseconds(since: start)
                let reused = try Harness.exchange(client, bytes: 100)
                let again = try Harness.exchange(client, bytes: 1000)
                print("RTT 100 ms: fresh \(fresh) ms, reused \(reused) ms, reused again \(again) ms")
                #expect(fresh >= 199 && fresh < 1000, "fresh connection: \(fresh) ms, expected 2 RTT = 200 ms")
                #expect(reused >= 99 && reused < 900, "reused connection: \(reused) ms, expected 1 RTT = 100 ms")
                #expect(again >= 99 && again < 900, "reused connection: \(again) ms, expected 1 RTT = 100 ms")
                #expect(harness.proxy.stats().emulatedConnectTime == .milliseconds(100))
            }
        }

        @Test func withoutConditionsTheProxyCountsWhatItPasses() throws {
            try Harness.with(LinkConditions()) { harness in
                let client = try harness.client()
                try Harness.exchange(client, bytes: 10)
                try Harness.exchange(client, bytes: 10)
                // Delivered bytes are counted when the write completes, which can trail the client's read a little.
                let stats = Wait.until({ harness.proxy.stats() }) { $0.bytesDown >= 20 }
                #expect(stats.connectionsAccepted == 1 && stats.bytesUp == 6 && stats.bytesDown == 20)
            }
        }
    }
}
