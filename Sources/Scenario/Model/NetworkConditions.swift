/// Network conditions to put between the load client and the target: an added round trip, jitter, bandwidth
/// and connection faults. Applied by an in-process proxy (see README "Network emulation").
public struct NetworkConditions: Sendable, Hashable, Codable {
    /// The preset's name, or nil for inline conditions.
    public var name: String?
    /// Added round-trip time, applied as half in each direction.
    public var rtt: Duration
    /// Random extra delay, 0…jitter, drawn per burst.
    public var jitter: Duration
    /// Download (server → client) bandwidth in bits per second; nil = unlimited.
    public var downBitsPerSecond: Int?
    /// Upload (client → server) bandwidth in bits per second; nil = unlimited.
    public var upBitsPerSecond: Int?
    public var faults: [NetworkFault]

    public init(
        name: String? = nil, rtt: Duration = .zero, jitter: Duration = .zero, downBitsPerSecond: Int? = nil,
        upBitsPerSecond: Int? = nil, faults: [NetworkFault] = []
    ) {
        self.name = name
        self.rtt = rtt
        self.jitter = jitter
        self.downBitsPerSecond = downBitsPerSecond
        self.upBitsPerSecond = upBitsPerSecond
        self.faults = faults
    }
}

/// A connection fault, drawn once per connection with its probability.
public struct NetworkFault: Sendable, Hashable, Codable {
    public enum Kind: Sendable, Hashable, Codable {
        /// Refuse the connection (target down).
        case refuse
        /// Accept, then never pass a byte (hang until the client times out).
        case blackHole
        /// Reset the connection after this long or this many bytes (whichever is set).
        case reset(after: Duration?, bytes: Int?)
        /// Close after this many bytes (a truncated response).
        case truncate(bytes: Int)
        /// Delay the close by this long.
        case slowClose(Duration)
        /// Stall the stream for this long (a stand-in for a retransmit), per burst with the fault's probability.
        case spike(Duration)
    }

    public enum Direction: String, Sendable, Hashable, Codable { case up, down, both }

    public var kind: Kind
    /// 0…1, drawn once per connection (per burst for `spike`).
    public var probability: Double
    public var direction: Direction

    public init(kind: Kind, probability: Double = 1, direction: Direction = .both) {
        self.kind = kind
        self.probability = probability
        self.direction = direction
    }
}
