import Metrics
import Transport

extension Worker {
    /// Prepares the user's handle and sends it, or queues it (first come, first served) while the multi handle is
    /// full or the rate ceiling has no token.
    func submit(_ user: Int, slot: Int, _ request: HTTPRequest) {
        let easy = transports[user].handles[slot]
        easy.sentAt = 0  // not sent yet: a request that never goes out has no service time of its own
        do {
            try easy.prepare(request)
        } catch {
            let failure = TransferFailure(kind: .other, code: error.code, message: error.message)
            return unsent.append((user, slot, TransferResult(failure: failure, status: 0)))
        }
        // One reading serves as the time queued, the token's and the send's: a clock read is ~1 % of a request.
        let now = MonotonicClock.now()
        let queued = Queued(easy: easy, since: now, refusals: tokenRefusals, behindRate: rateHeld)
        guard backlog.isEmpty, multi.inFlight < plan.maxInFlightPerWorker else { return backlog.append(queued) }
        guard takeToken(now: now) else {
            refused()
            return backlog.append(queued)
        }
        add(easy, at: now)
    }

    private func refused() {
        tokenRefusals += 1
        rateHeld = true
    }

    private func takeToken(now: UInt64? = nil) -> Bool {
        guard let ceiling else { return true }
        return ceiling.take(now: now ?? MonotonicClock.now())
    }

    private func add(_ easy: EasyHandle, at now: UInt64 = MonotonicClock.now()) {
        easy.sentAt = now
        do { try multi.add(easy, at: now) } catch {
            let failure = TransferFailure(kind: .other, code: error.code, message: error.message)
            unsent.append((easy.owner, easy.slot, TransferResult(failure: failure, status: 0)))
        }
    }

    /// Sends queued transfers while there is room and the ceiling allows. Every one that waited while the ceiling
    /// refused a token was held back by `target.max_rate` (the ones behind the refused one too): counted, with its
    /// wait.
    func sendBacklog() {
        while let queued = backlog.first, multi.inFlight < plan.maxInFlightPerWorker {
            guard takeToken() else { return refused() }
            backlog.removeFirst()
            if queued.heldByRate(refusalsNow: tokenRefusals) {
                recorder.recordThrottled(micros: Int((MonotonicClock.now() &- queued.since) / 1000))
            }
            add(queued.easy)
        }
        if backlog.isEmpty { rateHeld = false }
    }

    /// Results of requests that never went out, delivered one loop turn after they were made.
    func deliverUnsentResults() {
        guard !unsent.isEmpty else { return }
        let results = unsent
        unsent.removeAll(keepingCapacity: true)
        for (user, slot, result) in results { deliver(user, slot: slot, result, sentAt: 0) }
    }

    /// A transfer finished.
    func finished(_ easy: EasyHandle, _ result: TransferResult) {
        deliver(easy.owner, slot: easy.slot, result, sentAt: easy.sentAt)
        sendBacklog()
    }

    private func deliver(_ user: Int, slot: Int, _ result: TransferResult, sentAt: UInt64) {
        let now = MonotonicClock.now()
        users[user].complete(
            slot: slot, result: result, sentAt: sentAt, now: now, context: context, secrets: recorder.secrets,
            into: &outbox)
        apply(user, now: now)
    }
}
