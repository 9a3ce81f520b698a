import Foundation
import NIOCore
import NIOPosix
import Netem
import Testing

/// All socket tests: serialized, because they measure time on a small machine and must not compete for its cores.
/// Each file adds its tests in an extension, as a nested suite.
@Suite(.serialized) struct NetemSocketTests {}

/// A lock-protected integer (the tests do not depend on NIOConcurrencyHelpers).
final class LockedInt: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func add(_ delta: Int) { lock.lock(); value += delta; lock.unlock() }
    func get() -> Int { lock.lock(); defer { lock.unlock() }; return value }
}

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

/// Runs `body` on `count` threads at once and waits for all. Real threads, not Dispatch: the test itself blocks
/// a pool thread, and on a 2-core machine Dispatch would run the bodies one after the other.
func concurrently(_ count: Int, _ body: @Sendable @escaping (Int) -> Void) {
    let done = DispatchSemaphore(value: 0)
    for index in 0..<count {
        Thread {
            body(index)
            done.signal()
        }.start()
    }
    for _ in 0..<count { done.wait() }
}
