import Foundation
import Netem
import Testing

extension NetemSocketTests {
    /// Jitter through real sockets: never negative, mean jitter/2 per direction, bytes in order.
    @Suite struct JitterTests {
        @Test func realizedJitterIsNeverNegativeAndAveragesHalfTheBound() throws {
            // Each exchange crosses two bursts (request up, response down): extra = two draws in 0…40 ms, mean 40.
            let conditions = LinkConditions(rtt: .milliseconds(20), jitter: .milliseconds(40))
            try Harness.with(conditions) { harness in
                let client = try harness.client()
                try Harness.exchange(client, bytes: 10)
                var extras: [Double] = []
                for _ in 0..<24 {
                    extras.append(try Harness.exchange(client, bytes: 2000) - 20)
                }
                let mean = extras.reduce(0, +) / Double(extras.count)
                print("jitter 40 ms: mean extra \(mean) ms over \(extras.count) exchanges (expected 40)")
                #expect(extras.allSatisfy { $0 >= -2 }, "no exchange is faster than the RTT: \(extras)")
                #expect(extras.allSatisfy { $0 <= 80 + 25 })
                #expect(mean >= 28 && mean <= 52, "mean extra \(mean) ms, expected 40 ms")
                #expect((extras.max() ?? 0) - (extras.min() ?? 0) > 10, "the delay varies")
            }
        }

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
