import Netem
import Testing

extension NetemSocketTests {
    /// A truncate or reset fault lets exactly its bytes through, whatever the response's size, wherever the limit
    /// falls against the reads' chunks, and whether or not the server closes right after answering (a
    /// `Connection: close` server once made the proxy drop the bytes still held and deliver none).
    @Suite struct ByteLimitTests {
        /// From 10 bytes up: the fault acts both ways, and the request line (up to 8 bytes) must get through.
        static let limits = [10, 100, 1000, 5000, 16_384, 65_536, 120_000]
        static let sizes = [300, 5000, 65_536, 250_000]

        private static func cases() -> [(limit: Int, size: Int)] {
            limits.flatMap { limit in sizes.filter { $0 > limit }.map { (limit, $0) } }
        }

        @Test(arguments: [false, true], [Duration.zero, .milliseconds(20)])
        func truncateDeliversExactlyItsBytes(serverCloses: Bool, rtt: Duration) throws {
            for (limit, size) in Self.cases() {
                let conditions = LinkConditions(rtt: rtt, faults: [LinkFault(kind: .truncate(bytes: limit))])
                try Harness.with(conditions) { harness in
                    let client = try harness.client()
                    try client.send((serverCloses ? "c" : "") + "\(size)\n")
                    let (received, end) = client.receiveUntilEnd()
                    #expect(
                        end == .eof(received: limit),
                        "truncate \(limit) of \(size), server closes: \(serverCloses), rtt \(rtt): \(end)")
                    #expect(received == limit)
                }
            }
        }

        @Test(arguments: [false, true], [Duration.zero, .milliseconds(20)])
        func resetDeliversItsBytesThenResets(serverCloses: Bool, rtt: Duration) throws {
            for (limit, size) in Self.cases() {
                let conditions = LinkConditions(rtt: rtt, faults: [LinkFault(kind: .reset(after: nil, bytes: limit))])
                try Harness.with(conditions) { harness in
                    let client = try harness.client()
                    try client.send((serverCloses ? "c" : "") + "\(size)\n")
                    let (received, end) = client.receiveUntilEnd()
                    // The bytes before the RST are in the client's receive queue when it arrives; Linux hands them
                    // over before reporting the reset.
                    #expect(
                        end == .reset(received: limit),
                        "reset after \(limit) of \(size), server closes: \(serverCloses), rtt \(rtt): \(end)")
                    #expect(harness.proxy.stats().faults(.reset) == 1)
                }
            }
        }
    }
}
