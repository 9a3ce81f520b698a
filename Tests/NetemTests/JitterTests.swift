import Foundation
import Netem
import Testing

extension NetemSocketTests {
    /// Jitter through real sockets: large responses stay intact and in order. The realized delay (bounds, mean,
    /// one draw per burst) is checked exactly on `EmbeddedEventLoop` in ``EmbeddedLatencyTests``.
    @Suite struct JitterTests {
        @Test func largeResponsesArriveInOrderUnderJitter() throws {
            let conditions = LinkConditions(rtt: .milliseconds(4), jitter: .milliseconds(10))
            try Harness.with(conditions) { harness in
                let client = try harness.client()
                for size in [300_000, 70_000, 1] {
                    try Harness.exchange(client, bytes: size)  // checks every byte
                }
            }
        }
    }
}
