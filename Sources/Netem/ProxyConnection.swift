import NIOCore
import NIOPosix

/// One proxied connection: the accepted client channel, the upstream channel (opened on the same event loop, so
/// both legs and both pipes need no locks), and the two pipes between them.
///
/// Created when the client's socket is accepted; that instant is "accept" for connect gating and timed resets.
final class ProxyConnection: PipeOwner {
    private enum UpstreamState {
        case none, connecting, open, closed
    }

    let up: DelayPipe
    let down: DelayPipe
    private let client: any Channel
    private var server: (any Channel)?
    private let context: ProxyContext
    private let plan: FaultPlan
    private var upstreamState = UpstreamState.none
    private var clientOpen = true
    /// The client sent its FIN (its input to us ended).
    private var clientFinished = false
    private var halfClosesDelivered = 0
    private var terminated = false
    private var finished = false
    private var resetTimer: Scheduled<Void>?
    /// When the client's first bytes may be read (accept + RTT), and the timer that reads them then.
    private let gate: NIODeadline
    private var gateTimer: Scheduled<Void>?

    init(client: any Channel, context: ProxyContext) {
        // The loop's clock, as every time of this connection (see `DelayPipe`).
        let accepted = client.eventLoop.now
        var rng = SystemRandomNumberGenerator()
        let plan = FaultPlan.draw(context.conditions.faults, using: &rng)
        let link = context.links.link(for: client.remoteAddress?.ipAddress ?? "unknown")
        let conditions = context.conditions
        // Connect gating: the client's first bytes wait until accept + RTT, the handshake the kernel already did.
        // They wait by being read late (in `start`), not by being dated late: a future arrival would book the
        // link's shared upload bucket ahead and stall this user's other connections.
        gate = accepted.adding(conditions.rtt.clampedNanoseconds)
        self.up = DelayPipe(
            way: .up, conditions: conditions, bucket: link.up, faults: plan.up, notBefore: accepted,
            eventLoop: client.eventLoop)
        self.down = DelayPipe(
            way: .down, conditions: conditions, bucket: link.down, faults: plan.down, notBefore: accepted,
            eventLoop: client.eventLoop)
        self.client = client
        self.context = context
        self.plan = plan
        up.attach(source: client)
        down.attach(destination: client)
        up.owner = self
        down.owner = self
    }

    // MARK: Legs

    /// A leg became active: the client (accepted) or the upstream (connected).
    func legActive(_ leg: Leg, channel: any Channel) {
        guard context.channels.register(channel) else {
            channel.close(promise: nil)  // the proxy is shutting down
            return
        }
        switch leg {
        case .client: start()
        case .server: upstreamConnected(channel)
        }
    }

    /// A leg closed: the pipe writing into it drops its queue; when both legs are closed the connection is done.
    func legInactive(_ leg: Leg, channel: any Channel) {
        context.channels.remove(channel)
        switch leg {
        case .client:
            clientOpen = false
            down.destinationClosed()
        case .server:
            upstreamState = .closed
            up.destinationClosed()
        }
        if !clientOpen && upstreamState != .open && upstreamState != .connecting { finish() }
    }

    private func start() {
        context.stats.update {
            $0.connectionsAccepted += 1
            $0.connectionsOpen += 1
        }
        if plan.refuse {
            pipeApplied(.refuse)
            terminate(reset: true)
            return
        }
        if plan.blackHoles { pipeApplied(.blackHole) }
        if let after = plan.resetAfter {
            let deadline = client.eventLoop.now.adding(after.clampedNanoseconds)
            resetTimer = client.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
                self.pipeApplied(.reset)
                self.terminate(reset: true)
            }
        }
        // Both directions black-holed: nothing would ever reach the upstream, so do not load it.
        if !(plan.up.blackHole && plan.down.blackHole) { connectUpstream() }
        gateTimer = client.eventLoop.assumeIsolated().scheduleTask(deadline: gate) { self.up.requestRead() }
    }

    private func connectUpstream() {
        upstreamState = .connecting
        let bound = NIOLoopBound(self, eventLoop: client.eventLoop)
        context.connector.connect(on: client.eventLoop, to: context.upstream, conditions: context.conditions) {
            channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(LegHandler(connection: bound.value, leg: .server))
            }
        }
        .assumeIsolated()
        .whenFailure { _ in self.upstreamFailed() }
    }

    private func upstreamConnected(_ channel: any Channel) {
        upstreamState = .open
        server = channel
        guard clientOpen, !terminated else {
            channel.close(promise: nil)
            return
        }
        up.attach(destination: channel)
        down.attach(source: channel)
        down.requestRead()
    }

    /// The target is down or unreachable: the client sees a reset, as it would from a refused connect.
    private func upstreamFailed() {
        upstreamState = .closed
        context.stats.update { $0.upstreamConnectFailures += 1 }
        if clientOpen { terminate(reset: true) } else { finish() }
    }

    /// Closes both legs, with RSTs when `reset`.
    private func terminate(reset: Bool) {
        guard !terminated else { return }
        terminated = true
        client.close(resetting: reset)
        server?.close(resetting: reset)
    }

    /// Both legs are closed: stop the timers (they hold the pipes) and count the connection closed.
    private func finish() {
        guard !finished else { return }
        finished = true
        resetTimer?.cancel()
        resetTimer = nil
        gateTimer?.cancel()
        gateTimer = nil
        up.stop()
        down.stop()
        context.stats.update { $0.connectionsOpen -= 1 }
    }

    // MARK: PipeOwner

    func pipe(_ way: Way, delivered bytes: Int) {
        context.stats.update { stats in
            if way == .up { stats.bytesUp += bytes } else { stats.bytesDown += bytes }
        }
    }

    func pipeCut(_ way: Way, reset: Bool) {
        pipeApplied(reset ? .reset : .truncate)
        terminate(reset: reset)
    }

    func pipeDeliveredHalfClose(_ way: Way) {
        halfClosesDelivered += 1
        if halfClosesDelivered == 2 { terminate(reset: false) }
    }

    func pipeSourceEndedUndelivered(_ way: Way) {
        // A black-holed upstream close leaves the client hanging until it gives up; anything else ends it all.
        // A client that already sent its FIN will never close the rest on its own: end it then too.
        if way == .down && plan.down.blackHole && clientOpen && !clientFinished { return }
        terminate(reset: false)
    }

    /// The client half-closed (sent its FIN). With the upstream gone behind a black hole nothing else would ever
    /// close this connection, so it ends here instead of lingering in CLOSE_WAIT.
    func clientInputEnded() {
        clientFinished = true
        if plan.down.blackHole && upstreamState == .closed { terminate(reset: false) }
    }

    func pipeApplied(_ fault: LinkFault.Name) {
        context.stats.update { $0.faultsApplied[fault, default: 0] += 1 }
    }

    func pipeHeldPeak(_ bytes: Int) {
        context.stats.update { $0.peakQueuedBytes = max($0.peakQueuedBytes, bytes) }
    }
}
