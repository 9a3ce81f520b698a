import CurlURL
import Metrics
import Scenario
import Transport

extension VirtualUser {
    /// Issues the next step(s) until one must wait for responses or time.
    mutating func runSteps(now: UInt64, context: UserContext, into out: inout VUOutbox) {
        while flowIndex < flows.count {
            let steps = flows[flowIndex].steps
            guard stepIndex < steps.count else {
                flowIndex += 1
                stepIndex = 0
                continue
            }
            switch steps[stepIndex] {
            case .request(let r):
                // One request as a collection of one: no array allocated per request.
                return send(CollectionOfOne(r), group: nil, now: now, context: context, into: &out)
            case .group(let requests, let series):
                return send(requests, group: series[role], now: now, context: context, into: &out)
            case .think(let t):
                if context.skipThinkTime {
                    stepIndex += 1
                    continue
                }
                return out.actions.append(.wake(at: now + thinkNanos(t)))
            }
        }
        endIteration(failed: false, now: now, into: &out)
    }

    private mutating func thinkNanos(_ t: ThinkTime) -> UInt64 {
        let lo = t.minimum.nanoseconds
        let hi = t.maximum.nanoseconds
        return hi > lo ? UInt64.random(in: lo...hi, using: &random) : lo
    }

    /// Sends one request, or a whole parallel group at once (`group`: its series for this user's role).
    mutating func send(
        _ requests: some Collection<CompiledRequest>, group: Int?, now: UInt64, context: UserContext,
        into out: inout VUOutbox
    ) {
        // The iteration's first step counts from the schedule: a late start is the user's wait too.
        let issued = now - min(scheduleLag, now)
        scheduleLag = 0
        groupSeries = group
        groupPending = requests.count
        groupStart = issued
        stepFailed = false
        stepLimited = connections.applies(toStepOf: requests.count)
        if stepLimited { connections.reset() }
        for (slot, r) in requests.enumerated() { start(r, slot: slot, context: context, into: &out) }
    }

    private mutating func start(_ r: CompiledRequest, slot: Int, context: UserContext, into out: inout VUOutbox) {
        slotRequest[slot] = r
        var request = build(r, context: context)
        if context.trace && !r.setsTraceParent {
            let span = traceRandom.next()
            request.traceParent = TraceParent(traceHigh: traceHigh, traceLow: traceLow, span: span)
            slotTrace[slot] = request.traceParent.map {
                TraceRef(traceHigh: $0.traceHigh, traceLow: $0.traceLow, span: $0.span)
            }
        } else {
            slotTrace[slot] = nil
        }
        if context.keepEvidence { slotSent[slot] = request }
        // A captured or environment value with a line break would inject a header line: never sent (issue 13 §4).
        if let header = HeaderText.firstBrokenLine(request.headerLines) {
            let failure = TransferFailure.invalidRequest("header \(header) holds a line break or NUL")
            return out.actions.append(.refuse(slot: slot, failure: failure))
        }
        if (r.step.followRedirects ?? 0) > 0 {
            slotRedirect[slot] = RedirectState(current: request)
        } else {
            slotRedirect[slot] = RedirectState()
        }
        if r.needsHostCheck, let refusal = context.allowList.refusal(for: request.url) {
            let failure = TransferFailure(kind: .blocked, code: -1, message: refusal.description)
            return out.actions.append(.refuse(slot: slot, failure: failure))
        }
        if stepLimited && !connections.admit(slot: slot, request) { return }  // queued for a connection
        // Moved into the action, not copied (a copy retains every string and array of the request).
        out.actions.append(.send(slot: slot, request: consume request))
    }
}
