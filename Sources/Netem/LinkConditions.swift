/// The conditions of an emulated access link between the load generator and the target.
///
/// ## The model
/// ``LatencyProxy`` is a userspace TCP proxy: it reads bytes from one loopback leg and writes them to the other
/// later. Every number here is **added** to the real path (measure the direct baseline and report both).
///
/// 1. **Round trip.** `rtt` is the added round-trip time, applied as `rtt / 2` in each direction
///    (as WebPageTest and sitespeed.io do; Toxiproxy's one-way latency is a known source of halved RTTs).
/// 2. **One FIFO queue per direction and connection; bytes are never reordered** (TCP is a byte stream).
///    Serialization (bandwidth) and propagation add. For a chunk read at `arrival`:
///    `start = max(arrival, wire_free)`, `wire_free = start + bytes / rate`,
///    `due = max(wire_free + rtt/2 + jitter, previous_due)`. Writes are scheduled against absolute deadlines,
///    so timer error does not accumulate from chunk to chunk.
/// 3. **Jitter** is an extra delay drawn uniformly in `0…jitter` (so its mean is `jitter / 2`), never negative,
///    and drawn once per *burst*: bytes that arrive when everything before them would already have been
///    delivered. A response spread over several reads therefore draws once, not once per read, which keeps the
///    realized mean equal to the configured one (Toxiproxy #239).
/// 4. **Connect latency.** A proxy cannot delay the SYN-ACK: the kernel completes the loopback handshake at once,
///    so curl's `time_connect` stays about 0. Instead the client's first bytes are held until
///    `accept + rtt` (the upstream connect happens meanwhile), which puts the handshake's round trip where a
///    client notices it: a fresh HTTP request takes 2 RTT to first byte, TLS 1.3 takes 3 RTT.
///    The engine adds ``ProxyStats/emulatedConnectTime`` (= `rtt`) to its connect phase.
/// 5. **Bandwidth** is a token bucket per direction shared by all connections of one *link*, a link being one
///    client source IP address (the engine binds each virtual user to its own loopback address, so one VU is one
///    phone with its six connections). It is not multiplied by the number of connections. The bucket is shallow
///    (at most 16 KB, about 5 ms of the rate), so a transfer takes `bytes / rate` plus its round trips.
///    Bytes counted are TCP payload (TLS records included), not IP/TCP headers: about 3% more goodput than
///    `tc netem rate` at the same figure.
/// 6. **Backpressure.** Reads are on demand: a side is not read while its queue holds more than 256 KB (or, on a
///    shaped direction, while this connection has more than ~20 ms of the link booked), so a slow reader stalls
///    the sender instead of growing the proxy's memory. `TCP_NODELAY` is set on both legs.
///
/// ## What it cannot do
/// - **Packet loss and reordering**: the proxy sees a byte stream, not packets; there is nothing to drop without
///   corrupting the stream. ``LinkFault/Kind/spike(_:)`` stands in for the stall a retransmit causes.
/// - **TCP slow start**: both loopback legs have an RTT of about 0, so a body streams at the shaped rate at once;
///   real TCP would start at ~14 KB per RTT. Results are optimistic for 50 KB–1 MB bodies at high RTT.
/// - **Delaying the handshake itself** (see 4.) and timer precision finer than about 1 ms.
///
/// For any of these, use the kernel: `tc qdisc add dev lo root netem delay 50ms loss 1%` (needs CAP_NET_ADMIN,
/// Linux only, shapes the whole interface).
public struct LinkConditions: Sendable, Equatable {
    /// Added round-trip time, applied as `rtt / 2` per direction; also the emulated connect time.
    public var rtt: Duration
    /// Extra delay drawn uniformly in `0…jitter` per burst and direction; negative values count as 0.
    public var jitter: Duration
    /// Server→client rate in bits per second; `nil` is unlimited. Values below 1 count as 1 bit/s (a stalled
    /// direction, not an unlimited one: the engine rejects them before they get here).
    public var downBitsPerSecond: Int?
    /// Client→server rate in bits per second; `nil` is unlimited; values below 1 count as 1 bit/s.
    public var upBitsPerSecond: Int?
    /// Faults, each drawn once per connection (a spike: once per burst).
    public var faults: [LinkFault]

    public init(
        rtt: Duration = .zero, jitter: Duration = .zero, downBitsPerSecond: Int? = nil, upBitsPerSecond: Int? = nil,
        faults: [LinkFault] = []
    ) {
        self.rtt = rtt
        self.jitter = jitter
        self.downBitsPerSecond = downBitsPerSecond
        self.upBitsPerSecond = upBitsPerSecond
        self.faults = faults
    }
}
