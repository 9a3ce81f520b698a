import NIOCore
import Synchronization

/// What every connection of one proxy shares: the conditions, the upstream address, the links, the stats and
/// the registry of open channels. Immutable or lock-protected, so it is handed to every event loop.
final class ProxyContext: Sendable {
    let conditions: LinkConditions
    /// Resolved once at start: a load test must not pay (or measure) a DNS lookup per connection.
    let upstream: SocketAddress
    let links: LinkRegistry
    let stats: StatsRecorder
    let channels = ChannelTracker()
    /// How each connection opens its upstream leg: TCP, or an embedded channel in tests.
    let connector: UpstreamConnector

    init(conditions: LinkConditions, upstream: SocketAddress, connector: UpstreamConnector = .tcp) {
        self.conditions = conditions
        self.upstream = upstream
        self.connector = connector
        self.links = LinkRegistry(conditions: conditions)
        self.stats = StatsRecorder(emulatedConnectTime: conditions.rtt)
    }
}

/// Thread-safe accumulation of ``ProxyStats``.
final class StatsRecorder: Sendable {
    private let stats: Mutex<ProxyStats>

    init(emulatedConnectTime: Duration) {
        var initial = ProxyStats()
        initial.emulatedConnectTime = max(.zero, emulatedConnectTime)
        stats = Mutex(initial)
    }

    func update(_ change: (inout ProxyStats) -> Void) {
        stats.withLock { change(&$0) }
    }

    func snapshot() -> ProxyStats {
        stats.withLock { $0 }
    }
}

/// The open channels of a proxy (both legs of every connection), so `shutdown` can close them.
final class ChannelTracker: Sendable {
    private let state = Mutex<(closed: Bool, channels: [ObjectIdentifier: any Channel])>((false, [:]))

    /// Registers an open channel; false once the proxy is shutting down (the caller closes it).
    func register(_ channel: any Channel) -> Bool {
        state.withLock { state in
            guard !state.closed else { return false }
            state.channels[ObjectIdentifier(channel)] = channel
            return true
        }
    }

    func remove(_ channel: any Channel) {
        _ = state.withLock { $0.channels.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// Refuses further registrations and closes every open channel; returns the close futures.
    func closeAll() -> [EventLoopFuture<Void>] {
        let channels = state.withLock { state in
            state.closed = true
            return Array(state.channels.values)
        }
        return channels.map { $0.close() }
    }
}
