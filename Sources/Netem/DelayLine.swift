import NIOCore

/// The propagation half of one direction of one connection: the FIFO due-time rule and per-burst jitter.
///
/// Pure arithmetic on deadlines (no I/O), so the model is unit-tested without sockets.
struct DelayLine {
    /// A latency spike: an extra stall with a probability per burst.
    struct Spike {
        var nanoseconds: Int64
        var probability: Double
    }

    /// Half the added RTT.
    let oneWay: Int64
    /// The jitter bound; each burst draws uniformly in `0…jitter`.
    let jitter: Int64
    /// Spike faults acting on this direction.
    var spikes: [Spike] = []
    /// The due time of the last chunk: nothing may be due before it (bytes are never reordered).
    private(set) var previousDue = NIODeadline.uptimeNanoseconds(0)
    /// The extra delay (jitter plus spikes) of the current burst.
    private(set) var burstExtra: Int64 = 0
    /// Bursts begun so far.
    private(set) var bursts = 0

    init(oneWay: Int64, jitter: Int64) {
        self.oneWay = max(0, oneWay)
        self.jitter = max(0, jitter)
    }

    /// The due time of a chunk read at `arrival` whose last byte leaves the wire at `wireFree`, and whether a
    /// spike stalled the burst it starts.
    ///
    /// A chunk starts a new burst when everything before it would already have been delivered
    /// (`arrival ≥ previousDue`): only then are jitter and spikes drawn, so a response spread over several reads
    /// draws once (drawing per read inflates the realized mean, Toxiproxy #239).
    mutating func due(
        arrival: NIODeadline, wireFree: NIODeadline, using rng: inout some RandomNumberGenerator
    ) -> (due: NIODeadline, spiked: Bool) {
        var spiked = false
        if arrival >= previousDue {
            bursts += 1
            burstExtra = jitter > 0 ? Int64.random(in: 0...jitter, using: &rng) : 0
            for spike in spikes where Double.random(in: 0..<1, using: &rng) < spike.probability {
                burstExtra += spike.nanoseconds
                spiked = true
            }
        }
        previousDue = max(previousDue, wireFree.adding(oneWay + burstExtra))
        return (previousDue, spiked)
    }
}
