import Foundation
import NIOPosix
import Netem
import TestSupport
import Testing

/// An event loop group a test owns.
struct NIOPosixGroup {
    let group: MultiThreadedEventLoopGroup

    static func make() -> NIOPosixGroup {
        NIOPosixGroup(group: MultiThreadedEventLoopGroup(numberOfThreads: 1))
    }

    func shutdown() {
        try? group.syncShutdownGracefully()
    }
}

extension NetemSocketTests {
    /// Bounded memory and a clean shutdown.
    @Suite struct LifecycleTests {
        @Test func aClientThatDoesNotReadDoesNotGrowTheProxy() throws {
            try Harness.with(LinkConditions(rtt: .milliseconds(10))) { harness in
                let client = try harness.client()
                try client.send("\(16 << 20)\n")  // 16 MB the client will not read for a while
                // The proxy fills to its high-water mark, then stops reading; a proxy without backpressure would go on
                // to hold all 16 MB, which the peak after reading (below) would show.
                let peak = Wait.until({ harness.proxy.stats().peakQueuedBytes }) { $0 >= 256 * 1024 }
                print("peak bytes held by one direction while the client did not read: \(peak)")
                #expect(peak >= 256 * 1024, "the answer is flowing")
                #expect(peak <= 384 * 1024, "the proxy held \(peak) bytes: over the high-water mark plus one read")
                let (received, _) = client.receiveUntilEnd(limit: 16 << 20)
                #expect(received == 16 << 20)
                let after = harness.proxy.stats()
                print("after reading: \(after)")
                #expect(after.peakQueuedBytes <= 384 * 1024)
            }
        }

        @Test func shutdownIsIdempotentAndClosesConnections() throws {
            let upstream = try TestUpstream()
            let group = NIOPosixGroup.make()
            defer {
                upstream.shutdown()
                group.shutdown()
            }
            let proxy = try LatencyProxy.start(
                upstreamHost: "127.0.0.1", upstreamPort: upstream.port,
                conditions: LinkConditions(rtt: .milliseconds(20)), group: group.group)
            let client = try BlockingClient(port: proxy.port)
            try Harness.exchange(client, bytes: 10)
            proxy.shutdown()  // synchronous: the connection is closed when it returns
            proxy.shutdown()
            #expect(client.receiveUntilEnd().end == .eof(received: 0))
            #expect(throws: ClientError.self) { try BlockingClient(port: proxy.port) }
            #expect(proxy.stats().connectionsOpen == 0)
        }
    }
}
