/// The faults one connection got, drawn once when it was accepted.
struct FaultPlan {
    /// What one direction of the connection does differently.
    struct WayFaults {
        /// Drop everything in this direction, the close included.
        var blackHole = false
        /// Cut the connection after this many bytes in this direction (reset: RST, else FIN).
        var byteLimit: ByteLimit?
        /// Extra delay on the propagation of a close.
        var closeDelay: Int64 = 0
        /// Per-burst stalls.
        var spikes: [DelayLine.Spike] = []
    }

    /// A cut after a number of bytes.
    struct ByteLimit {
        var bytes: Int
        /// RST (a reset fault) rather than FIN (a truncate fault).
        var reset: Bool
    }

    /// Close the accepted socket at once with an RST.
    var refuse = false
    /// Reset the connection this long after accept.
    var resetAfter: Duration?
    var up = WayFaults()
    var down = WayFaults()

    /// The faults of `way`.
    func faults(_ way: Way) -> WayFaults {
        way == .up ? up : down
    }

    /// Draws each fault's probability once for a new connection. Spikes are always kept: their probability is
    /// drawn per burst by ``DelayLine``.
    static func draw(_ faults: [LinkFault], using rng: inout some RandomNumberGenerator) -> FaultPlan {
        var plan = FaultPlan()
        for fault in faults {
            if case .spike(let stall) = fault.kind {
                let spike = DelayLine.Spike(nanoseconds: stall.clampedNanoseconds, probability: fault.probability)
                plan.modify(fault.direction) { $0.spikes.append(spike) }
                continue
            }
            guard Double.random(in: 0..<1, using: &rng) < fault.probability else { continue }
            plan.apply(fault)
        }
        return plan
    }

    /// Applies a fault that was drawn. When one kind is listed twice, the first drawn wins.
    private mutating func apply(_ fault: LinkFault) {
        switch fault.kind {
        case .refuse:
            refuse = true
        case .blackHole:
            modify(fault.direction) { $0.blackHole = true }
        case .reset(let after, let bytes):
            if let after, resetAfter == nil { resetAfter = after }
            if bytes != nil || after == nil {
                let limit = ByteLimit(bytes: max(0, bytes ?? 0), reset: true)
                modify(fault.direction) { $0.byteLimit = $0.byteLimit ?? limit }
            }
        case .truncate(let bytes):
            let limit = ByteLimit(bytes: max(0, bytes), reset: false)
            modify(fault.direction) { $0.byteLimit = $0.byteLimit ?? limit }
        case .slowClose(let delay):
            modify(fault.direction) { $0.closeDelay = max($0.closeDelay, delay.clampedNanoseconds) }
        case .spike:
            break  // kept by `draw` without a per-connection draw
        }
    }

    private mutating func modify(_ direction: LinkFault.Direction, _ change: (inout WayFaults) -> Void) {
        if direction.covers(.up) { change(&up) }
        if direction.covers(.down) { change(&down) }
    }

    /// Whether any direction black-holes.
    var blackHoles: Bool {
        up.blackHole || down.blackHole
    }
}
