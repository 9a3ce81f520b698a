import NIOCore

/// What a ``DelayPipe`` reports to the connection that owns it.
protocol PipeOwner: AnyObject {
    /// `bytes` reached the kernel of the destination.
    func pipe(_ way: Way, delivered bytes: Int)
    /// A byte limit (truncate or reset fault) was delivered: cut the connection now.
    func pipeCut(_ way: Way, reset: Bool)
    /// A half-close (FIN) was delivered to the destination.
    func pipeDeliveredHalfClose(_ way: Way)
    /// The source ended but its end cannot be propagated (black hole, or the destination is gone).
    func pipeSourceEndedUndelivered(_ way: Way)
    /// A fault took effect.
    func pipeApplied(_ fault: LinkFault.Name)
    /// The pipe held more bytes than ever before.
    func pipeHeldPeak(_ bytes: Int)
}

/// One direction of one proxied connection: reads from `source`, holds each chunk until its due time, writes it
/// to `destination`. Lives on the connection's event loop; not thread-safe.
///
/// The queue is a FIFO of segments with nondecreasing due times (``DelayLine`` guarantees it), so one timer, armed
/// for the head, is enough: when it fires every due segment is written and flushed together.
///
/// Time is read from the connection's event loop (`eventLoop.now`), the clock its timers run on: on a real loop that
/// is the monotonic clock; on NIO's `EmbeddedEventLoop` it moves only when a test advances it, so the tests check the
/// delay model to the nanosecond.
final class DelayPipe {
    /// A unit of the byte stream, or one of its ends.
    enum Segment {
        case data(ByteBuffer)
        /// The source ended: a FIN (`halfClose`) or a full close, as an RST when the source was reset.
        case end(halfClose: Bool, reset: Bool)
        /// A byte limit was reached: cut the whole connection.
        case cut(reset: Bool)
    }

    /// Stop reading the source while more than this is held (read but not yet in the destination's kernel).
    static let highWater = 256 * 1024
    /// On a shaped direction, stop reading while this connection has booked the wire further ahead than this,
    /// so connections of one link take turns instead of one booking it for seconds.
    static let readAhead: Int64 = 20_000_000

    let way: Way
    weak var owner: (any PipeOwner)?
    /// The loop both legs of the connection live on: the clock and the timers.
    private let eventLoop: any EventLoop
    private var source: Channel?
    private var destination: Channel?
    private let bucket: TokenBucket?
    private var line: DelayLine
    private let faults: FaultPlan.WayFaults
    /// Connect gating: bytes are not eligible before this (accept + RTT on the up direction).
    private let notBefore: NIODeadline
    private var queue = CircularBuffer<(segment: Segment, due: NIODeadline)>()
    private var timer: Scheduled<Void>?
    private(set) var heldBytes = 0
    private var peakHeld = 0
    private var bookedUntil = NIODeadline.uptimeNanoseconds(0)
    private var budget: Int?
    private var readPaused = false
    /// The last write handed to the destination: an orderly close waits for it, since a full close would drop
    /// writes the kernel has not taken yet (e.g. a response still flowing after the client's FIN).
    private var lastWrite: EventLoopFuture<Void>?
    /// No more data is accepted: the stream was cut or its destination is gone.
    private var closedForData = false
    /// A byte limit was reached and its cut is queued behind the bytes before it: the cut, not the source's own
    /// end, ends the connection, once those bytes are delivered.
    private var cutQueued = false
    private var sourceEnded = false
    private var rng = SystemRandomNumberGenerator()

    init(
        way: Way, conditions: LinkConditions, bucket: TokenBucket?, faults: FaultPlan.WayFaults,
        notBefore: NIODeadline, eventLoop: any EventLoop
    ) {
        self.way = way
        self.eventLoop = eventLoop
        self.bucket = bucket
        self.faults = faults
        self.notBefore = notBefore
        self.budget = faults.byteLimit?.bytes
        self.line = DelayLine(
            oneWay: conditions.rtt.clampedNanoseconds / 2, jitter: conditions.jitter.clampedNanoseconds)
        line.spikes = faults.spikes
    }

    /// Sets the channel bytes are read from.
    func attach(source: Channel) {
        self.source = source
    }

    /// Sets the channel bytes are written to, and writes whatever became due while it was connecting.
    func attach(destination: Channel) {
        self.destination = destination
        if let head = queue.first { arm(at: head.due) }
    }

    // MARK: Reading

    /// Takes a chunk read from the source: slices it, books the link, and queues each slice at its due time.
    func receive(_ chunk: ByteBuffer) {
        guard !closedForData, !faults.blackHole else { return }  // a black hole drops, but keeps reading
        var chunk = chunk
        let arrival = max(eventLoop.now, notBefore)
        let limited = takeWithinBudget(&chunk)
        let sliceBytes = bucket?.sliceBytes ?? Int.max
        while chunk.readableBytes > 0, let slice = chunk.readSlice(length: min(sliceBytes, chunk.readableBytes)) {
            let wireFree = bucket?.book(bytes: slice.readableBytes, arrival: arrival) ?? arrival
            bookedUntil = max(bookedUntil, wireFree)
            let (due, spiked) = line.due(arrival: arrival, wireFree: wireFree, using: &rng)
            if spiked { owner?.pipeApplied(.spike) }
            enqueue(.data(slice), due: due, bytes: slice.readableBytes)
        }
        if limited, let reset = faults.byteLimit?.reset {
            closedForData = true
            cutQueued = true
            let (due, _) = line.due(arrival: arrival, wireFree: arrival, using: &rng)
            enqueue(.cut(reset: reset), due: due, bytes: 0)
        }
    }

    /// Shortens `chunk` to what the byte limit still allows; true when the limit is reached.
    private func takeWithinBudget(_ chunk: inout ByteBuffer) -> Bool {
        guard let remaining = budget else { return false }
        let taken = min(remaining, chunk.readableBytes)
        chunk.moveWriterIndex(to: chunk.readerIndex + taken)
        budget = remaining - taken
        return taken == remaining
    }

    /// The source sent a FIN (`halfClose`) or closed; propagates it like data, after the bytes before it.
    func sourceEnded(halfClose: Bool, reset: Bool) {
        guard !sourceEnded else { return }
        sourceEnded = true
        // A server that closes right after its response (`Connection: close`) must not end the connection before
        // the bytes the limit lets through are delivered: the queued cut ends it.
        if cutQueued { return }
        guard !closedForData, !faults.blackHole else {
            owner?.pipeSourceEndedUndelivered(way)
            return
        }
        closedForData = true
        let arrival = max(eventLoop.now, notBefore)
        var (due, _) = line.due(arrival: arrival, wireFree: arrival, using: &rng)
        if faults.closeDelay > 0 {
            due = due.adding(faults.closeDelay)
            owner?.pipeApplied(.slowClose)
        }
        enqueue(.end(halfClose: halfClose, reset: reset), due: due, bytes: 0)
    }

    /// Asks the source for more bytes unless the queue or the link booking is full (backpressure: the bytes then
    /// wait in the kernel and the sender's window closes, instead of in the proxy's memory).
    func requestRead() {
        guard !sourceEnded, let source else { return }
        if mustPause {
            readPaused = true
        } else {
            readPaused = false
            source.read()
        }
    }

    private var mustPause: Bool {
        if heldBytes > Self.highWater { return true }
        guard bucket != nil else { return false }
        return bookedUntil > eventLoop.now.adding(Self.readAhead)
    }

    // MARK: Writing

    /// The destination is gone: drop what was queued for it and accept nothing more.
    func destinationClosed() {
        timer?.cancel()
        timer = nil
        queue.removeAll()
        heldBytes = 0
        closedForData = true
        cutQueued = false
    }

    /// Stops the timer (the connection is finished).
    func stop() {
        destinationClosed()
        source = nil
        destination = nil
    }

    private func enqueue(_ segment: Segment, due: NIODeadline, bytes: Int) {
        queue.append((segment, due))
        heldBytes += bytes
        if heldBytes > peakHeld {
            peakHeld = heldBytes
            owner?.pipeHeldPeak(heldBytes)
        }
        if timer == nil { arm(at: due) }
    }

    private func arm(at due: NIODeadline) {
        guard destination != nil else { return }  // `attach(destination:)` arms it
        timer?.cancel()
        timer = eventLoop.assumeIsolated().scheduleTask(deadline: due) { self.writeDue() }
    }

    /// Writes every segment whose due time has come, flushes once, and re-arms for the next.
    private func writeDue() {
        timer = nil
        guard let destination else { return }
        let now = eventLoop.now
        var wrote = false
        while let head = queue.first, head.due <= now {
            queue.removeFirst()
            guard case .data(let bytes) = head.segment else {
                if wrote { destination.flush() }
                wrote = false
                finish(head.segment, on: destination)
                continue
            }
            write(bytes, to: destination)
            wrote = true
        }
        if wrote { destination.flush() }
        if let head = queue.first, timer == nil { arm(at: head.due) }
    }

    private func write(_ bytes: ByteBuffer, to destination: Channel) {
        let count = bytes.readableBytes
        let written = destination.write(bytes)
        lastWrite = written
        written.assumeIsolated().whenComplete { result in
            self.heldBytes = max(0, self.heldBytes - count)
            if case .success = result { self.owner?.pipe(self.way, delivered: count) }
            if self.readPaused { self.requestRead() }
        }
    }

    private func finish(_ segment: Segment, on destination: Channel) {
        switch segment {
        case .data:
            break
        case .end(halfClose: true, _):
            afterWrites {
                destination.close(mode: .output).assumeIsolated().whenComplete { result in
                    if case .failure = result { destination.close(promise: nil) }
                    self.owner?.pipeDeliveredHalfClose(self.way)
                }
            }
        case .end(halfClose: false, let reset):
            if reset { destination.close(resetting: true) } else { afterWrites { destination.close(resetting: false) } }
        case .cut(let reset):
            if reset {
                owner?.pipeCut(way, reset: true)
            } else {
                afterWrites { self.owner?.pipeCut(self.way, reset: false) }
            }
        }
    }

    /// Runs `body` once every write handed over so far has reached the kernel (or failed).
    private func afterWrites(_ body: @escaping () -> Void) {
        guard let last = lastWrite else { return body() }
        last.assumeIsolated().whenComplete { _ in body() }
    }
}
