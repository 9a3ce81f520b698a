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

extension NetemSocketTests.GateTests {
    /// A black-holed answer to a client that half-closed must not keep the connection open forever once the
    /// upstream is gone (found in review: it stayed in CLOSE_WAIT until the proxy shut down).
    @Test func aBlackHoleEndsOnceBothSidesAreDone() throws {
        let conditions = LinkConditions(
            faults: [LinkFault(kind: .blackHole, probability: 1, direction: .down)])
        try Harness.with(conditions) { harness in
            let client = try harness.client(timeout: .seconds(2))
            try client.send("c10\n")  // the upstream answers, then closes
            client.finishSending()
            let deadline = ContinuousClock.now + .seconds(3)
            while harness.proxy.stats().connectionsOpen > 0, ContinuousClock.now < deadline {
                Thread.sleep(forTimeInterval: 0.02)
            }
            #expect(harness.proxy.stats().connectionsOpen == 0)
            #expect(harness.proxy.stats().bytesDown == 0, "nothing passes a black hole")
        }
    }
}
