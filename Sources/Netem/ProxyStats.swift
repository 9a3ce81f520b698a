/// What a ``LatencyProxy`` has done so far.
public struct ProxyStats: Sendable, Equatable {
    /// Connections accepted (refused ones included).
    public var connectionsAccepted = 0
    /// Accepted connections not yet fully closed.
    public var connectionsOpen = 0
    /// Connections whose upstream connect failed (the client got a reset).
    public var upstreamConnectFailures = 0
    /// Payload bytes delivered to the upstream (client→server).
    public var bytesUp = 0
    /// Payload bytes delivered to clients (server→client).
    public var bytesDown = 0
    /// Faults that took effect, by kind: refuse, black hole (per connection), reset and truncate (when the
    /// connection was cut), slow close (per delayed close), spike (per stalled burst).
    public var faultsApplied: [LinkFault.Name: Int] = [:]
    /// The most bytes one direction of one connection ever held (read, not yet written to the kernel):
    /// the proof that backpressure bounds the proxy's memory.
    public var peakQueuedBytes = 0
    /// The connect time the proxy emulates on every fresh connection (= the added RTT). curl's `time_connect`
    /// only sees the loopback handshake, so the engine adds this to its connect phase.
    public var emulatedConnectTime: Duration = .zero

    public init() {}

    /// How many times the fault `name` took effect.
    public func faults(_ name: LinkFault.Name) -> Int {
        faultsApplied[name, default: 0]
    }
}
