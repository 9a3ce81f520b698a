import NIOPosix
import Netem
import Scenario

/// The network-emulation proxy on its own (`rehearse proxy`): one listening address forwarding to one upstream
/// under `conditions`, on an event loop of its own.
public final class StandaloneProxy: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let proxy: LatencyProxy

    /// The port it listens on (the one asked for, or the one the system chose for port 0).
    public var port: Int { proxy.port }

    public init(
        listenHost: String, listenPort: Int, upstreamHost: String, upstreamPort: Int, conditions: NetworkConditions
    ) throws {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            proxy = try LatencyProxy.start(
                listenHost: listenHost, listenPort: listenPort, upstreamHost: upstreamHost, upstreamPort: upstreamPort,
                conditions: conditions.link, group: group)
        } catch {
            try? group.syncShutdownGracefully()
            throw error
        }
    }

    public func shutdown() {
        proxy.shutdown()
        try? group.syncShutdownGracefully()
    }
}
