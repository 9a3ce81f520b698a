import NIOCore
import Testing

@testable import Netem

/// The faults whose effect is a time, on `EmbeddedEventLoop`: they happen at their instant, not a tolerance away.
@Suite struct EmbeddedFaultTests {
    private func link(_ kind: LinkFault.Kind, direction: LinkFault.Direction = .both, probability: Double = 1)
        -> EmbeddedLink
    {
        EmbeddedLink(LinkConditions(faults: [LinkFault(kind: kind, probability: probability, direction: direction)]))
    }

    @Test func resetAfterTimeCutsAnIdleConnectionAtItsInstant() throws {
        let link = link(.reset(after: .milliseconds(150), bytes: nil))
        let client = try link.connect()
        link.advance(justBefore: 150)
        #expect(!client.isClosed)
        link.advance(to: 150)
        #expect(client.isClosed && link.upstream().isClosed)
        #expect(link.context.stats.snapshot().faults(.reset) == 1)
    }

    @Test func slowCloseDelaysTheCloseNotTheData() throws {
        let link = link(.slowClose(.milliseconds(300)), direction: .down)
        let client = try link.connect()
        client.send("c100\n")  // the upstream answers, then sends its FIN
        link.advance(to: 0)
        #expect(client.received.count == 100 && !client.isClosed)
        link.advance(justBefore: 300)
        #expect(!client.isClosed)
        link.advance(to: 300)
        #expect(client.isClosed)
        #expect(link.context.stats.snapshot().faults(.slowClose) == 1)
    }

    @Test func aSpikeStallsAWholeExchangeByItsLength() throws {
        let link = link(.spike(.milliseconds(100)), direction: .down, probability: 0.5)
        let client = try link.connect()
        var stalled = 0
        for exchange in 1...40 {
            let start = Double(exchange) * 200
            link.advance(to: start)
            client.send("100\n")
            link.advance(to: start + 150)
            let took = link.milliseconds(try #require(client.instant(ofByte: exchange * 100))) - start
            #expect(took == 0 || took == 100, "either no spike or exactly one: \(took) ms")
            if took == 100 { stalled += 1 }
        }
        #expect((5...35).contains(stalled), "\(stalled) of 40 exchanges stalled, expected ~20")
        #expect(link.context.stats.snapshot().faults(.spike) == stalled)
    }

    @Test func truncateDeliversExactlyItsBytesThenCloses() throws {
        let link = link(.truncate(bytes: 1000), direction: .down)
        let client = try link.connect()
        client.send("5000\n")
        link.advance(to: 0)
        #expect(client.received == TestUpstream.payload(1000) && client.isClosed)
        #expect(link.context.stats.snapshot().faults(.truncate) == 1)
    }
}
