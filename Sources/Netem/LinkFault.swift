/// A fault injected on some connections of a ``LatencyProxy``.
///
/// The probability is drawn **once per connection**, when it is accepted, and kept for the connection's life
/// (Toxiproxy re-draws on every toxic change and per direction, which makes "10% of connections" untrue).
/// The exception is ``Kind/spike(_:)``, whose probability applies to each burst.
///
/// The curl errors named below were observed with curl 7.88.1 against a ``LatencyProxy`` on Linux.
public struct LinkFault: Sendable, Equatable {
    /// What happens to a connection the fault applies to.
    public enum Kind: Sendable, Equatable {
        /// The target is down: the accepted socket is closed at once with `SO_LINGER 0`, so the client gets an RST.
        /// The kernel has already completed the loopback handshake, so curl does not report (7) "Couldn't
        /// connect"; it reports (56) "Recv failure: Connection reset by peer" (or (55) "Send failure" if the RST
        /// lands while it sends; (35) during a TLS handshake). Only a closed listener gives ECONNREFUSED.
        case refuse
        /// Accept, pass nothing in the fault's direction, and never close until the client does: the client's
        /// own timeout fires (curl (28) "Operation timed out").
        case blackHole
        /// Reset the connection (`SO_LINGER 0`, then close: an RST to the client, curl (56)) after `after` from
        /// accept, or after `bytes` bytes were forwarded in the fault's direction, whichever comes first.
        /// With both `nil`, the first byte in the fault's direction triggers it.
        case reset(after: Duration?, bytes: Int?)
        /// Forward `bytes` bytes in the fault's direction, then close normally (FIN): a truncated body,
        /// curl (18) "transfer closed with N bytes remaining" when the length was announced.
        case truncate(bytes: Int)
        /// Delay the propagation of a close (FIN or RST) in the fault's direction by this long.
        case slowClose(Duration)
        /// With the fault's probability, *per burst*, stall the burst this much longer: a stand-in for the
        /// retransmit timeout a lost packet would cause, which a proxy cannot produce.
        case spike(Duration)
    }

    /// Which bytes the fault acts on: client→server (`up`), server→client (`down`), or both.
    public enum Direction: Sendable, Equatable {
        case up, down, both
    }

    /// A name per kind, for ``ProxyStats/faultsApplied``.
    public enum Name: String, Sendable, Hashable, CaseIterable {
        case refuse, blackHole, reset, truncate, slowClose, spike
    }

    public var kind: Kind
    /// Chance in 0…1 that the fault applies to a connection (for a spike: to a burst).
    public var probability: Double
    public var direction: Direction

    public init(kind: Kind, probability: Double = 1, direction: Direction = .both) {
        self.kind = kind
        self.probability = probability
        self.direction = direction
    }

    /// The kind's name, without its parameters.
    public var name: Name {
        switch kind {
        case .refuse: .refuse
        case .blackHole: .blackHole
        case .reset: .reset
        case .truncate: .truncate
        case .slowClose: .slowClose
        case .spike: .spike
        }
    }
}

/// One direction of a connection.
enum Way: Sendable {
    /// Client→server.
    case up
    /// Server→client.
    case down
}

extension LinkFault.Direction {
    /// Whether a fault with this direction acts on `way`.
    func covers(_ way: Way) -> Bool {
        switch self {
        case .both: true
        case .up: way == .up
        case .down: way == .down
        }
    }
}
