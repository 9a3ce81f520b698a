import NIOCore
import Testing

@testable import Netem

/// Bandwidth on `EmbeddedEventLoop`: serialization adds to propagation, one token bucket per link (client source
/// address), shaped uploads — with the instants the model gives, not a stopwatch's.
@Suite struct EmbeddedShapingTests {
    @Test func downloadTakesBytesOverRatePlusItsRoundTrips() throws {
        // RTT 50 ms, 800 kbit/s down: the request reaches the upstream at 50 + 25 = 75 ms. 100 KB take 1000 ms on
        // the wire, less the 1500 bytes (15 ms) an idle bucket passes at once, and 25 ms to arrive: 1085 ms.
        let link = EmbeddedLink(LinkConditions(rtt: .milliseconds(50), downBitsPerSecond: 800_000))
        let client = try link.connect()
        client.send("100000\n")
        link.advance(justBefore: 1085)
        #expect(client.received.count < 100_000)
        // Half-way through the transfer about half the body is there (1 KB slices, 10.24 ms each).
        #expect((48_000...52_000).contains(deliveredBy(link.at(585), client)), "\(deliveredBy(link.at(585), client))")
        link.advance(to: 1085)
        #expect(client.received == TestUpstream.payload(100_000))
        #expect(client.instant(ofByte: 100_000) == link.at(1085))
    }

    @Test func connectionsOfOneLinkShareItsBandwidth() throws {
        // Two 50 KB downloads at once at 800 kbit/s: 500 ms each alone, 1000 ms together on one link (less the
        // 15 ms an idle bucket passes at once).
        let conditions = LinkConditions(downBitsPerSecond: 800_000)
        let shared = try finishTimes(EmbeddedLink(conditions), sources: ["127.0.0.2", "127.0.0.2"])
        let separate = try finishTimes(EmbeddedLink(conditions), sources: ["127.0.0.3", "127.0.0.4"])
        #expect(shared.max() == 985, "one link: \(shared) ms")
        #expect(shared.allSatisfy { $0 > 900 }, "both connections take turns on the wire: \(shared) ms")
        #expect(separate == [485, 485], "two links: \(separate) ms")
    }

    @Test func uploadIsShapedToo() throws {
        // A 25 KB request at 400 kbit/s up takes 500 ms on the wire, less 1500 bytes (30 ms) passed at once.
        let link = EmbeddedLink(LinkConditions(upBitsPerSecond: 400_000))
        let client = try link.connect()
        client.send(String(repeating: "0", count: 25_000) + "5\n")
        link.advance(justBefore: 470.04)
        #expect(link.upstream().requests == 0)
        link.advance(to: 470.04)
        #expect(link.upstream().requests == 1 && client.received.count == 5)
    }

    /// Bytes delivered to `client` up to `instant`.
    private func deliveredBy(_ instant: NIODeadline, _ client: KernelSocket) -> Int {
        client.deliveries.filter { $0.at <= instant }.reduce(0) { $0 + $1.bytes.count }
    }

    /// Starts a 50 KB download on one connection per source address at time 0; returns when each one finished (ms).
    private func finishTimes(_ link: EmbeddedLink, sources: [String]) throws -> [Double] {
        let clients = try sources.map { try link.connect(from: $0) }
        for client in clients { client.send("50000\n") }
        link.advance(to: 2000)
        return try clients.map { client in
            #expect(client.received == TestUpstream.payload(50_000))
            return link.milliseconds(try #require(client.instant(ofByte: 50_000)))
        }
    }
}
