import Metrics
import Scenario
import Transport

extension VirtualUser {
    /// A transfer of this user finished: measure it, check it, capture from it, and move on when the step
    /// (or the whole group) is done.
    func completed(slot: Int, result: TransferResult) {
        guard slot < slotRequest.count, let request = slotRequest[slot] else { return }
        slotRequest[slot] = nil
        let now = MonotonicClock.now()
        let easy = handles[slot]
        let elapsed = Int((now &- easy.submittedAt) / 1000)
        var sample = outcome(of: result, for: request, elapsed: elapsed)
        // Service time: the total less the wait before sending (a timeout's total is already raised to its limit);
        // a request never sent (blocked host, set-up failure) has no wait to take off.
        let queued = easy.sentAt > 0 ? elapsed - Int((now &- easy.sentAt) / 1000) : 0
        sample.serviceMicros = sample.totalMicros - queued
        sample.overSpinner = groupSeries == nil && sample.totalMicros > worker.spinnerMicros
        worker.store.steps[request.seriesByRole[role]].record(sample)
        if sample.error != nil {
            stepFailed = true
            if worker.plan.keepEvidence { keepEvidence(slot: slot, request: request, result: result, sample: sample) }
        }
        groupPending -= 1
        guard groupPending == 0 else { return }
        if let series = groupSeries {
            let waited = Int((now &- groupStart) / 1000)
            let spinner = waited > worker.spinnerMicros
            worker.store.groups[series].record(micros: waited, overSpinner: spinner, failed: stepFailed)
        }
        if stepFailed && !flows[flowIndex].continueOnFailure { return endIteration(failed: true, now: now) }
        stepIndex += 1
        runSteps(now: now)
    }

    /// Classifies one result and runs the step's checks and captures.
    func outcome(of result: TransferResult, for r: CompiledRequest, elapsed: Int) -> RequestSample {
        let fresh = result.newConnections > 0
        // Only a connection that went through a proxy paid the emulated connect (not a templated URL's host).
        let emulated = fresh && emulatedRTT > 0 && (worker.network?.proxyPorts.contains(result.primaryPort) ?? false)
        var sample = RequestSample(
            totalMicros: elapsed, phaseMicros: phases(result.timings, emulatedConnect: emulated), freshConnection: fresh,
            responded: result.failure == nil, bytes: result.bodyBytes)
        if let failure = result.failure {
            sample.error = Self.errorClass(failure)
            sample.message = failure.kind.rawValue + ": " + failure.message
            if failure.kind == .timeout {
                // Recorded at (at least) the limit that fired, so hung requests never flatter the percentiles.
                let timeouts = worker.plan.profile.timeouts
                // Before the request went out (DNS, TCP or TLS still under way) the connect timeout applies.
                let connecting = result.timings.preTransfer == 0 && elapsed < timeouts.request.micros
                let limit = connecting ? timeouts.connect : timeouts.request
                sample.totalMicros = max(elapsed, limit.micros)
                // One message per cause, not one per millisecond count curl happened to print.
                sample.message = connecting
                    ? "timeout: no connection within the \(limit.shortText) connect timeout"
                    : "timeout: no complete response within the \(limit.shortText) request timeout"
            }
            return sample
        }
        if !r.checksStatus, result.status >= 400 {
            sample.error = result.status >= 500 ? .http5xx : .http4xx
            sample.message = "HTTP \(result.status)"
            return sample
        }
        if let message = checkFailure(result, r, elapsed: elapsed) {
            sample.error = .check
            sample.message = message
        }
        return sample
    }

    /// Runs checks, then captures (each parses the body once); the first failure's message, or nil.
    private func checkFailure(_ result: TransferResult, _ r: CompiledRequest, elapsed: Int) -> String? {
        let lookup = self.value
        let secrets = worker.plan.secrets
        if let message = r.step.checks.firstFailure(
            status: result.status, body: result.body, duration: .microseconds(elapsed), render: { $0.render(lookup) },
            redact: secrets.redact, headers: result.headers ?? [])
        {
            return message
        }
        guard !r.step.captures.isEmpty else { return nil }
        for (name, value) in r.step.captures.extractAll(body: result.body, headers: result.headers ?? []) {
            guard let value else { return "capture \(name): not found" }
            captures[name] = value
        }
        return nil
    }

    /// libcurl's phases; through the network proxy a fresh connection's emulated connect (one RTT, spent
    /// holding the first bytes) moves from the TLS handshake or the first byte into `connect`, where a user pays it.
    private func phases(_ t: TransferTimings, emulatedConnect: Bool) -> (Int, Int, Int, Int, Int) {
        var (connect, tls, ttfb) = (t.connectMicros, t.tlsMicros, t.firstByteMicros)
        if emulatedConnect {
            connect += emulatedRTT
            if tls > 0 { tls = max(0, tls - emulatedRTT) } else { ttfb = max(0, ttfb - emulatedRTT) }
        }
        return (t.dnsMicros, connect, tls, ttfb, t.transferMicros)
    }

    static func errorClass(_ f: TransferFailure) -> ErrorClass {
        switch f.kind {
        case .timeout: return .timeout
        case .refused: return .refused
        case .dns: return .dns
        case .tls: return .tls
        case .reset: return .reset
        case .blocked: return .blocked
        case .other: return .other
        }
    }
}
