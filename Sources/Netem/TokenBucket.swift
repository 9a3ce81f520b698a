import NIOCore
import Synchronization

/// The wire of one access link in one direction: a serializer shared by every connection of the link.
///
/// Kept as a virtual finish time rather than a token count: `finish` is when the wire would be done with
/// everything booked so far. Booking `n` bytes arriving at `t` does `finish = max(finish, t − depth) + n/rate`
/// and returns `max(t, finish)`, the chunk's `wire_free`. With `depth` 0 this is exactly rule 2 of the model
/// (`start = max(arrival, wire_free); wire_free = start + bytes/rate`); the small depth lets an idle link pass
/// a few kilobytes without waiting, as a real modem's buffer does.
///
/// Connections of one link live on different event loops, hence the lock (one short critical section per slice).
final class TokenBucket: Sendable {
    /// The rate in bits per second.
    let bitsPerSecond: Int
    /// How many bytes an idle link may pass at once.
    let depthBytes: Int
    private let finish = Mutex<NIODeadline>(.uptimeNanoseconds(0))

    /// The deepest bucket allowed, whatever the rate (the model's "≤ 16 KB").
    static let maximumDepth = 16 * 1024

    init(bitsPerSecond: Int) {
        self.bitsPerSecond = bitsPerSecond
        // About 5 ms of the rate, at least one segment, at most 16 KB: deep enough to absorb timer error,
        // shallow enough that a 100 KB transfer still takes `bytes / rate` within 2%.
        let fiveMilliseconds = bitsPerSecond / 8 / 200
        self.depthBytes = min(Self.maximumDepth, max(1500, fiveMilliseconds))
    }

    /// Books `bytes` on the wire for a chunk arriving at `arrival`; returns when its last byte is on the wire.
    func book(bytes: Int, arrival: NIODeadline) -> NIODeadline {
        let cost = serializationNanoseconds(bytes: bytes, bitsPerSecond: bitsPerSecond)
        let depth = serializationNanoseconds(bytes: depthBytes, bitsPerSecond: bitsPerSecond)
        return finish.withLock { finish in
            finish = max(finish, arrival.adding(-depth)).adding(cost)
            return max(arrival, finish)
        }
    }

    /// The size a shaped direction slices reads into: about 10 ms of the rate, 1–16 KB. Small slices make
    /// bytes trickle out at the rate instead of one big write per read, and let connections of one link take
    /// turns on the wire.
    var sliceBytes: Int {
        min(16 * 1024, max(1024, bitsPerSecond / 8 / 100))
    }
}

/// The two wires of one access link.
struct AccessLink: Sendable {
    /// Client→server wire; `nil` when unlimited.
    let up: TokenBucket?
    /// Server→client wire; `nil` when unlimited.
    let down: TokenBucket?

    /// The wire for `way`.
    func bucket(_ way: Way) -> TokenBucket? {
        way == .up ? up : down
    }
}

/// The access links of a proxy, one per client source IP address.
///
/// Links are kept for the proxy's life: one entry per distinct client address (a few thousand virtual users at
/// most), and an idle link's state is a single deadline.
final class LinkRegistry: Sendable {
    private let conditions: LinkConditions
    private let links = Mutex<[String: AccessLink]>([:])

    init(conditions: LinkConditions) {
        self.conditions = conditions
    }

    /// The link of the client at `address` (its IP address, without port), created on first use.
    func link(for address: String) -> AccessLink {
        links.withLock { links in
            if let link = links[address] { return link }
            let link = AccessLink(
                up: conditions.upBitsPerSecond.map(TokenBucket.init(bitsPerSecond:)),
                down: conditions.downBitsPerSecond.map(TokenBucket.init(bitsPerSecond:)))
            links[address] = link
            return link
        }
    }
}
