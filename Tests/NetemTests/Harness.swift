import Foundation
import NIOCore
import NIOPosix
import Netem
import Testing

/// All socket tests: serialized, because they measure time on a small machine and must not compete for its cores.
/// Each file adds its tests in an extension, as a nested suite.
@Suite(.serialized) struct NetemSocketTests {}

/// An upstream and a proxy in front of it, on their own event loop threads.
struct Harness {
    let upstream: TestUpstream
    let proxy: LatencyProxy
    let group: MultiThreadedEventLoopGroup

    /// Runs `body` with a fresh upstream and a proxy under `conditions`, then shuts both down.
    static func with<T>(_ conditions: LinkConditions, _ body: (Harness) throws -> T) throws -> T {
        let upstream = try TestUpstream()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer {
            upstream.shutdown()
            try? group.syncShutdownGracefully()
        }
        let proxy = try LatencyProxy.start(
            upstreamHost: "127.0.0.1", upstreamPort: upstream.port, conditions: conditions, group: group)
        defer { proxy.shutdown() }
        return try body(Harness(upstream: upstream, proxy: proxy, group: group))
    }

    /// A client connected to the proxy from `source`.
    func client(source: String = "127.0.0.1", timeout: Duration = .seconds(5)) throws -> BlockingClient {
        try BlockingClient(port: proxy.port, source: source, timeout: timeout)
    }

    /// Sends request `M` and reads the M bytes of the answer; returns the milliseconds it took.
    @discardableResult
    static func exchange(_ client: BlockingClient, bytes: Int) throws -> Double {
        let start = ContinuousClock.now
        try client.send("\(bytes)\n")
        let answer = try client.receive(exactly: bytes)
        let took = milliseconds(since: start)
        #expect(answer == TestUpstream.payload(bytes), "bytes arrive intact and in order")
        return took
    }
}
