import Foundation
import Netem
import TestSupport
import Testing

extension NetemSocketTests {
    /// Each fault through real sockets; the timed ones (reset after a time, slow close, spikes) are checked to the
    /// instant on `EmbeddedEventLoop` in ``EmbeddedFaultTests``.
    @Suite struct FaultTests {
        private func conditions(_ kind: LinkFault.Kind, direction: LinkFault.Direction = .both, probability: Double = 1)
            -> LinkConditions
        {
            LinkConditions(faults: [LinkFault(kind: kind, probability: probability, direction: direction)])
        }

        @Test func refuseResetsTheAcceptedConnection() throws {
            try Harness.with(conditions(.refuse)) { harness in
                let client = try harness.client()
                try? client.send("10\n")
                let (_, end) = client.receiveUntilEnd()
                // An RST as a rule; on a loaded machine the close can race the linger option and arrive as a
                // bare FIN. Either way nothing is served (curl: 56 or 52, both class `reset`).
                #expect(end == .reset(received: 0) || end == .eof(received: 0), "\(end)")
                #expect(harness.proxy.stats().faults(.refuse) == 1)
                #expect(harness.upstream.requests.count == 0)
            }
        }

        @Test func blackHoleHangsUntilTheClientsTimeout() throws {
            try Harness.with(conditions(.blackHole)) { harness in
                let client = try harness.client(timeout: .milliseconds(300))
                let start = ContinuousClock.now
                try client.send("10\n")
                let (_, end) = client.receiveUntilEnd()
                let waited = milliseconds(since: start)
                #expect(end == .timeout(received: 0))
                #expect(waited >= 290, "the client's own timeout fired after \(waited) ms")
                #expect(harness.proxy.stats().faults(.blackHole) == 1)
                #expect(harness.upstream.requests.count == 0)
            }
        }

        @Test func blackHoleDownDeliversTheRequestButNotTheAnswer() throws {
            try Harness.with(conditions(.blackHole, direction: .down)) { harness in
                let client = try harness.client(timeout: .milliseconds(200))
                try client.send("10\n")
                #expect(client.receiveUntilEnd().end == .timeout(received: 0))
                #expect(Wait.until { harness.upstream.requests.count == 1 })
            }
        }

        @Test func resetAfterBytesSendsAnRST() throws {
            try Harness.with(conditions(.reset(after: nil, bytes: 1000), direction: .down)) { harness in
                let client = try harness.client()
                try client.send("5000\n")
                let (received, end) = client.receiveUntilEnd()
                // Linux may drop bytes still unread when the RST arrives; never more than the limit arrive.
                #expect(end == .reset(received: received) && received <= 1000)
                #expect(harness.proxy.stats().faults(.reset) == 1)
            }
        }

        @Test func truncateClosesCleanlyAfterTheBytes() throws {
            try Harness.with(conditions(.truncate(bytes: 1000), direction: .down)) { harness in
                let client = try harness.client()
                try client.send("5000\n")
                let (received, end) = client.receiveUntilEnd()
                #expect(end == .eof(received: 1000) && received == 1000)
                #expect(harness.proxy.stats().faults(.truncate) == 1)
            }
        }

        @Test func truncateIsDrawnOncePerConnection() throws {
            try Harness.with(conditions(.truncate(bytes: 100), direction: .down, probability: 0.5)) { harness in
                var truncated = 0
                for _ in 0..<40 {
                    let client = try harness.client()
                    try client.send("300\n")
                    if (try? client.receive(exactly: 300)) == nil { truncated += 1 }
                }
                #expect((6...34).contains(truncated), "\(truncated) of 40 truncated, expected ~20")
                #expect(harness.proxy.stats().faults(.truncate) == truncated)
            }
        }

        @Test func unreachableUpstreamResetsTheClient() throws {
            let group = NIOPosixGroup.make()
            defer { group.shutdown() }
            let proxy = try LatencyProxy.start(
                upstreamHost: "127.0.0.1", upstreamPort: 1, conditions: LinkConditions(), group: group.group)
            defer { proxy.shutdown() }
            let client = try BlockingClient(port: proxy.port)
            #expect(client.receiveUntilEnd().end == .reset(received: 0))
            #expect(proxy.stats().upstreamConnectFailures == 1)
        }
    }
}
