import NIOCore
import Testing

@testable import Netem

/// Round trips, connect gating, jitter and FIFO order of whole proxied connections on `EmbeddedEventLoop`: every
/// instant is the model's own, to the nanosecond (see ``EmbeddedLink``).
@Suite struct EmbeddedLatencyTests {
    @Test func freshConnectionPaysTwoRoundTripsAndAReusedOneOne() throws {
        let link = EmbeddedLink(LinkConditions(rtt: .milliseconds(100)))
        let client = try link.connect()
        client.send("100\n")
        // Read at accept + RTT (the handshake the kernel already did), then half the RTT to the upstream.
        link.advance(justBefore: 150)
        #expect(link.upstream().requests == 0)
        link.advance(to: 150)
        #expect(link.upstream().requests == 1)
        // The answer leaves the upstream at once and takes the other half: 2 RTT in all.
        link.advance(justBefore: 200)
        #expect(client.received.isEmpty)
        link.advance(to: 200)
        #expect(client.received == TestUpstream.payload(100))

        client.send("1000\n")  // a reused connection: one RTT
        link.advance(justBefore: 300)
        #expect(client.received.count == 100)
        link.advance(to: 300)
        #expect(client.received.count == 1100)
        #expect(client.instant(ofByte: 1100) == link.at(300))
        #expect(link.context.stats.snapshot().emulatedConnectTime == .milliseconds(100))
    }

    @Test func firstBytesSentAfterTheEmulatedHandshakeWaitOnlyTheRoundTrip() throws {
        let link = EmbeddedLink(LinkConditions(rtt: .milliseconds(100)))
        let client = try link.connect()
        link.advance(to: 150)
        client.send("10\n")
        link.advance(justBefore: 250)
        #expect(client.received.isEmpty)
        link.advance(to: 250)
        #expect(client.received.count == 10)
    }

    /// Connect gating must not hold up the same user's other connections on the shared upload link (found in
    /// review: a gated connection used to book the bucket one RTT ahead).
    @Test func aNewConnectionsGateDoesNotDelayAReusedOne() throws {
        let link = EmbeddedLink(LinkConditions(rtt: .milliseconds(300), upBitsPerSecond: 1_000_000))
        let reused = try link.connect(from: "127.0.0.7")
        reused.send("10\n")
        link.advance(to: 600)  // fresh: 2 RTT
        #expect(reused.received.count == 10)
        let fresh = try link.connect(from: "127.0.0.7")
        fresh.send("10\n")  // held by its gate until 900
        reused.send("10\n")
        link.advance(justBefore: 900)
        #expect(reused.received.count == 10, "a reused connection pays 1 RTT, not the other's gate")
        link.advance(to: 900)
        #expect(reused.received.count == 20)
        link.advance(to: 1200)  // the fresh one: its gate, then one RTT
        #expect(fresh.received.count == 10 && fresh.instant(ofByte: 10) == link.at(1200))
    }

    @Test func withoutConditionsTheProxyAddsNothing() throws {
        let link = EmbeddedLink(LinkConditions())
        let client = try link.connect()
        client.send("10\n")
        link.advance(to: 0)
        #expect(client.received.count == 10 && client.instant(ofByte: 10) == link.at(0))
        let stats = link.context.stats.snapshot()
        #expect(stats.connectionsAccepted == 1 && stats.bytesUp == 3 && stats.bytesDown == 10)
    }

    @Test func jitterStaysWithinItsBoundPerDirectionAndAveragesHalfIt() throws {
        // RTT 20 ms, jitter 40 ms: each direction takes 10 ms plus a draw in 0…40 ms; each exchange crosses two.
        let link = EmbeddedLink(LinkConditions(rtt: .milliseconds(20), jitter: .milliseconds(40)))
        let client = try link.connect()
        link.advance(to: 20)  // past the gate
        var extras: [Double] = []
        var now = 20.0
        for exchange in 1...400 {
            client.send("2000\n")
            link.advance(to: now + 100)  // the slowest exchange takes 20 + 2 × 40 ms
            let arrived = try #require(client.instant(ofByte: exchange * 2000))
            extras.append(link.milliseconds(arrived) - now - 20)
            now += 100
        }
        #expect(client.received == Array((0..<400).map { _ in TestUpstream.payload(2000) }.joined()))
        #expect(extras.allSatisfy { $0 >= 0 && $0 <= 80 }, "each direction adds 0…40 ms: \(extras)")
        let mean = extras.reduce(0, +) / Double(extras.count)
        // Two uniform draws in 0…40 ms: mean 40 ms, standard error of 400 exchanges about 0.8 ms.
        #expect(abs(mean - 40) < 4, "mean extra \(mean) ms, expected 40")
        #expect(Set(extras.map { Int($0) }).count > 20, "the delay varies")
    }

    @Test func aBurstOfReadsDrawsJitterOnceAndKeepsItsSpacing() throws {
        let link = EmbeddedLink(LinkConditions(rtt: .milliseconds(10), jitter: .milliseconds(30)))
        let client = try link.connect()
        link.advance(to: 10)
        client.send("5\n")
        link.advance(to: 100)
        let upstream = link.upstream()
        for round in 0..<50 {
            // Three reads 1 ms apart, while the first is still in flight: one burst, one draw.
            let start = 100.0 + Double(round) * 100
            let before = client.received.count
            link.advance(to: start)
            upstream.send(ByteBuffer(bytes: [1]))
            link.advance(to: start + 1)
            upstream.send(ByteBuffer(bytes: [2]))
            link.advance(to: start + 2)
            upstream.send(ByteBuffer(bytes: [3]))
            link.advance(to: start + 99)
            let first = try #require(client.instant(ofByte: before + 1))
            #expect(client.instant(ofByte: before + 2) == first + .milliseconds(1))
            #expect(client.instant(ofByte: before + 3) == first + .milliseconds(2))
            let delay = link.milliseconds(first) - start
            #expect(delay >= 5 && delay <= 35, "one way plus one draw in 0…30 ms: \(delay)")
        }
    }

    @Test func bytesNeverReorderUnderJitter() throws {
        let link = EmbeddedLink(LinkConditions(rtt: .milliseconds(4), jitter: .milliseconds(10)))
        let client = try link.connect()
        link.advance(to: 4)
        client.send("1\n")
        link.advance(to: 20)
        let upstream = link.upstream()
        var sent: [UInt8] = TestUpstream.payload(1)
        var now = 20.0
        for index in 0..<2000 {
            let byte = UInt8(truncatingIfNeeded: index)
            upstream.send(ByteBuffer(bytes: [byte]))
            sent.append(byte)
            now += index % 7 == 0 ? 9 : 0.5  // sometimes a new burst, mostly within one
            link.advance(to: now)
        }
        link.advance(to: now + 20)
        #expect(client.received == sent)
        let instants = client.deliveries.map(\.at)
        #expect(instants == instants.sorted(), "due times never decrease")
    }
}
