import CurlURL
import Metrics
import Scenario
import Transport

extension VirtualUser {
    /// Sends one request, or a whole parallel group at once (`group`: its series for this user's role).
    func send(_ requests: [CompiledRequest], group: Int?, now: UInt64) {
        // The iteration's first step counts from the schedule: a late start is the user's wait too.
        let issued = now - min(scheduleLag, now)
        scheduleLag = 0
        groupSeries = group
        groupPending = requests.count
        groupStart = issued
        stepFailed = false
        for (slot, r) in requests.enumerated() { start(r, slot: slot, now: issued) }
    }

    private func start(_ r: CompiledRequest, slot: Int, now: UInt64) {
        let easy = handles[slot]
        easy.tag = localIndex << 10 | slot
        easy.submittedAt = now
        easy.sentAt = 0  // not sent yet: a request that never goes out has no service time of its own
        slotRequest[slot] = r
        let request = build(r)
        if worker.plan.keepEvidence { sentRequests[slot] = request }
        if r.needsHostCheck, let refusal = worker.plan.allowList.refusal(for: request.url) {
            let failure = TransferFailure(kind: .blocked, code: -1, message: refusal.description)
            return worker.deliverUnsent(easy, TransferResult(failure: failure, status: 0))
        }
        do {
            try easy.prepare(request)
        } catch {
            let failure = TransferFailure(kind: .other, code: error.code, message: error.message)
            return worker.deliverUnsent(easy, TransferResult(failure: failure, status: 0))
        }
        worker.submit(easy)
    }

    /// Renders the step into a transport request for this user.
    func build(_ r: CompiledRequest) -> HTTPRequest {
        let lookup = self.value
        var url = r.fixedURL ?? r.url.render(lookup)
        if let base = r.runtimeBase { url = URLJoin.join(base: base, relative: url) }
        if r.fixedURL == nil, !r.step.query.isEmpty {
            url += (url.contains("?") ? "&" : "?") + r.step.query.encoded(lookup)
        }
        var lines = r.fixedHeaderLines ?? r.headers.map { "\($0.name): \($0.value.render(lookup))" }
        var body: [UInt8]?
        if let b = r.step.body {
            let rendered = b.render(lookup)
            body = rendered.bytes
            if let type = rendered.contentType, !r.setsContentType {
                lines.append("Content-Type: \(type)")
            }
        }
        let evidence = worker.plan.keepEvidence
        return HTTPRequest(
            method: r.step.method, url: url, headerLines: lines, body: body,
            keepBodyBytes: r.step.needsBody ? 1 << 20 : (evidence ? Evidence.bodyBytes : 0),
            keepHeaders: r.step.needsHeaders || evidence)
    }

    /// What `{{…}}` means for this user now.
    func value(_ v: Variable) -> String? {
        switch v {
        case .env(let name): worker.plan.environment[name]
        case .role(let field): account[field]
        case .capture(let name): captures[name]
        case .vu: String(number)
        case .iteration: String(iteration)
        }
    }
}
