import Foundation
import Netem
import Testing

extension NetemSocketTests {
    /// Round trips and connect gating at RTT 100 ms.
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
                #expect(fresh >= 195 && fresh <= 240, "fresh connection: \(fresh) ms, expected 2 RTT = 200 ms")
                #expect(reused >= 95 && reused <= 140, "reused connection: \(reused) ms, expected 1 RTT = 100 ms")
                #expect(again >= 95 && again <= 140, "reused connection: \(again) ms, expected 1 RTT = 100 ms")
                #expect(harness.proxy.stats().emulatedConnectTime == .milliseconds(100))
            }
        }

        @Test func firstBytesWaitForTheEmulatedHandshakeEvenWhenSentLate() throws {
            try Harness.with(LinkConditions(rtt: .milliseconds(100))) { harness in
                let client = try harness.client()
                // Sent after the emulated handshake is over: no extra wait, just the round trip.
                Thread.sleep(forTimeInterval: 0.15)
                let took = try Harness.exchange(client, bytes: 10)
                #expect(took >= 95 && took <= 140, "\(took) ms, expected 1 RTT")
            }
        }

        @Test func withoutConditionsTheProxyAddsAlmostNothing() throws {
            try Harness.with(LinkConditions()) { harness in
                let client = try harness.client()
                try Harness.exchange(client, bytes: 10)
                let took = try Harness.exchange(client, bytes: 10)
                #expect(took < 20, "\(took) ms through a proxy with no added latency")
                // Delivered bytes are counted when the write completes, which can trail the client's read a little.
                var stats = harness.proxy.stats()
                for _ in 0..<100 where stats.bytesDown < 20 {
                    Thread.sleep(forTimeInterval: 0.01)
                    stats = harness.proxy.stats()
                }
                #expect(stats.connectionsAccepted == 1 && stats.bytesUp == 6 && stats.bytesDown == 20)
            }
        }
    }
}
