import Foundation
import Netem
import Testing

extension NetemSocketTests {
    /// Connect gating must not hold up the same user's other connections on the shared upload link
    /// (found in review: a gated connection used to book the bucket one RTT ahead).
    @Suite struct GateTests {
        @Test func aNewConnectionsGateDoesNotDelayAReusedOne() throws {
            let conditions = LinkConditions(rtt: .milliseconds(300), upBitsPerSecond: 1_000_000)
            try Harness.with(conditions) { harness in
                let reused = try harness.client(source: "127.0.0.7")
                try Harness.exchange(reused, bytes: 10)  // fresh: 2 RTT; now it is a reused connection
                let fresh = try harness.client(source: "127.0.0.7")
                try fresh.send("10\n")  // held by its gate for one RTT
                let took = try Harness.exchange(reused, bytes: 10)
                _ = try fresh.receive(exactly: 10)
                #expect(took >= 295 && took < 450, "a reused connection pays 1 RTT, not the other's gate: \(took) ms")
            }
        }
    }
}
