import Foundation
import Netem
import TestSupport
import Testing

extension NetemSocketTests {
    /// Connections that must end (the gate's own timing is checked exactly in ``EmbeddedLatencyTests``).
    @Suite struct GateTests {}
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
            #expect(Wait.until({ harness.proxy.stats() }) { $0.connectionsOpen == 0 }.connectionsOpen == 0)
            #expect(harness.proxy.stats().bytesDown == 0, "nothing passes a black hole")
        }
    }
}
