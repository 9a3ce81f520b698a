import Metrics
import Scenario
import Secrets
import Transport

extension VirtualUser {
    /// A transfer of this user finished (or was refused): measure it, check it, capture from it, and move on when
    /// the step (or the whole group) is done. `sentAt` is when it was handed to libcurl (0: never sent). `secrets`
    /// are the worker's known secrets, masked in what a failed check quotes.
    mutating func complete(
        slot: Int, result: TransferResult, sentAt: UInt64, now: UInt64, context: UserContext, secrets: SecretMask,
        into out: inout VUOutbox
    ) {
        guard slot < slotRequest.count, let request = slotRequest[slot] else { return }
        // The result is passed on as it came, not copied into a variable (a copy retains every string and array).
        switch followRedirect(slot: slot, result: result, sentAt: sentAt, context: context) {
        case .send(let next):
            out.actions.append(.send(slot: slot, request: next))
        case .refuse(let failure):
            finish(
                slot: slot, request: request, result: TransferResult(failure: failure, status: 0), sentAt: sentAt,
                now: now, context: context, secrets: secrets, into: &out)
        case .done:
            finish(
                slot: slot, request: request, result: result, sentAt: sentAt, now: now, context: context,
                secrets: secrets, into: &out)
        }
    }

    /// Measures the step's answer (after any redirects), and moves on when the step (or the whole group) is done.
    private mutating func finish(
        slot: Int, request: CompiledRequest, result: TransferResult, sentAt: UInt64, now: UInt64,
        context: UserContext, secrets: SecretMask, into out: inout VUOutbox
    ) {
        let sentAt = slotRedirect[slot].hops > 0 ? slotRedirect[slot].firstSentAt : sentAt
        slotRequest[slot] = nil
        if stepLimited {
            for next in connections.finished(slot: slot, httpVersion: result.httpVersion) {
                out.actions.append(.send(slot: next.slot, request: next.request))
            }
        }
        let elapsed = Int((now &- groupStart) / 1000)
        var sample = outcome(of: result, for: request, elapsed: elapsed, context: context, secrets: secrets, into: &out)
        // Service time: the total less the wait before sending (a timeout's total is already raised to its limit);
        // a request never sent (blocked host, set-up failure) has no wait to take off.
        let queued = sentAt > 0 ? elapsed - Int((now &- sentAt) / 1000) : 0
        sample.serviceMicros = sample.totalMicros - queued
        let series = request.seriesByRole[role]
        sample.overSpinner = groupSeries == nil && sample.totalMicros > context.stepSpinnerMicros[series]
        sample.redirects = slotRedirect[slot].hops
        let failed = sample.error != nil
        let serverTiming = result.serverTiming.map(ServerTimingMetric.parse) ?? []
        log.append(
            RequestTrace(
                series: series, startMicros: Int((groupStart &- iterationStart) / 1000),
                totalMicros: sample.totalMicros,
                sample: sample, status: result.status, trace: slotTrace[slot], serverTiming: serverTiming))
        out.results.append(
            .request(
                RequestRecord(
                    series: series, sample: sample, vu: number, iteration: iteration, issuedAt: groupStart,
                    result: result, sent: failed ? slotSent[slot] : nil, trace: slotTrace[slot],
                    serverTiming: serverTiming)))
        slotSent[slot] = nil
        if failed { stepFailed = true }
        groupPending -= 1
        guard groupPending == 0 else { return }
        if let series = groupSeries {
            let waited = Int((now &- groupStart) / 1000)
            out.results.append(
                .group(
                    GroupRecord(
                        series: series, waitedMicros: waited, overSpinner: waited > context.groupSpinnerMicros[series],
                        failed: stepFailed)))
        }
        if stepFailed && !flows[flowIndex].continueOnFailure { return endIteration(failed: true, now: now, into: &out) }
        stepIndex += 1
        runSteps(now: now, context: context, into: &out)
    }

    /// Classifies one result and runs the step's checks and captures.
    mutating func outcome(
        of result: TransferResult, for r: CompiledRequest, elapsed: Int, context: UserContext, secrets: SecretMask,
        into out: inout VUOutbox
    ) -> RequestSample {
        let fresh = result.newConnections > 0
        // Only a connection that went through a proxy paid the emulated connect (not a templated URL's host).
        let emulated = fresh && emulatedRTT > 0 && context.proxyPorts.contains(result.primaryPort)
        var sample = RequestSample(
            totalMicros: elapsed, phaseMicros: phases(result.timings, emulatedConnect: emulated),
            freshConnection: fresh,
            responded: result.failure == nil, bytes: result.bodyBytes)
        sample.wireBytes = result.wireBodyBytes
        sample.httpVersion = result.httpVersion
        sample.firstByteKnown = result.timings.firstByteKnown
        sample.queueMicros = result.failure == nil ? max(0, elapsed - result.timings.total) : 0
        if let failure = result.failure {
            timedOut(
                failure, result, elapsed: elapsed, requestTimeout: r.step.timeout ?? context.requestTimeout,
                context: context, into: &sample)
            return sample
        }
        if !r.checksStatus, result.status >= 400 {
            sample.error = result.status >= 500 ? .http5xx : .http4xx
            sample.message = "HTTP \(result.status)"
            return sample
        }
        // Most steps check nothing beyond the status: skip building the checks' lookup (it copies the user).
        if !r.step.checks.isEmpty || !r.step.captures.isEmpty,
            let message = checkFailure(result, r, elapsed: elapsed, context: context, secrets: secrets, into: &out)
        {
            sample.error = .check
            sample.message = message
        }
        return sample
    }

    /// A failed transfer's class and message; a timeout is recorded at (at least) the limit that fired, so hung
    /// requests never flatter the percentiles, and classed by the phase that was running (a stalled DNS lookup is
    /// not a slow server).
    private func timedOut(
        _ failure: TransferFailure, _ result: TransferResult, elapsed: Int, requestTimeout: Duration,
        context: UserContext, into sample: inout RequestSample
    ) {
        sample.error = Self.errorClass(failure)
        sample.message = (sample.error == .invalid ? "invalid request" : failure.kind.rawValue) + ": " + failure.message
        guard failure.kind == .timeout else { return }
        let phase = Self.timeoutPhase(result.unfinishedPhase)
        // Before the request went out (DNS, TCP or TLS still under way) the connect timeout applies.
        let connecting = result.timings.preTransfer == 0 && elapsed < requestTimeout.micros
        let limit = connecting ? min(context.connectTimeout, requestTimeout) : requestTimeout
        sample.totalMicros = max(elapsed, limit.micros)
        sample.timeoutPhase = phase
        // One message per cause, not one per millisecond count curl happened to print.
        sample.message =
            "timeout \(phase.text) (\(limit.shortText) \(connecting ? "connect" : "request") timeout)"
    }

    /// Runs checks, then captures (each parses the body once); the first failure's message, or nil. A captured
    /// credential goes out as a `.secret` result, so the worker masks it from then on.
    private mutating func checkFailure(
        _ result: TransferResult, _ r: CompiledRequest, elapsed: Int, context: UserContext, secrets: SecretMask,
        into out: inout VUOutbox
    ) -> String? {
        let user = self  // checks read the captures as they were before this response
        let lookup = { (v: Variable) in user.value(v, context: context) }
        if let message = r.step.checks.firstFailure(
            status: result.status, body: result.body, duration: .microseconds(elapsed), render: { $0.render(lookup) },
            redact: secrets.mask, headers: result.headers ?? [])
        {
            return message
        }
        guard !r.step.captures.isEmpty else { return nil }
        for (name, value) in r.step.captures.extractAll(body: result.body, headers: result.headers ?? []) {
            guard let value else { return "capture \(name): not found" }
            captures[name] = value
            if flows[flowIndex].secretCaptures.contains(name) && !secrets.contains(value) {
                out.results.append(.secret(value))
            }
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

    static func timeoutPhase(_ phase: TransferPhase) -> TimeoutPhase {
        switch phase {
        case .nameLookup: .dns
        case .connect: .connect
        case .tlsHandshake: .tls
        case .firstByte: .firstByte
        case .body: .body
        }
    }

    static func errorClass(_ f: TransferFailure) -> ErrorClass {
        switch f.kind {
        case .timeout: .timeout
        case .refused: .refused
        case .dns: .dns
        case .tls: .tls
        case .reset: .reset
        case .blocked: .blocked
        case .other: f.code == TransferFailure.invalidRequestCode ? .invalid : .other
        }
    }
}

extension TransferFailure {
    /// The code of a request the engine refused to send because it was malformed (libcurl's codes are never
    /// negative; -1 is a host off the allow-list).
    static let invalidRequestCode = -2

    /// A request never sent because rendering it produced something no request may hold.
    static func invalidRequest(_ message: String) -> TransferFailure {
        TransferFailure(kind: .other, code: invalidRequestCode, message: message)
    }
}
