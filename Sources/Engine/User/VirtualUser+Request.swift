import CurlURL
import Scenario
import Transport

extension VirtualUser {
    /// Renders the step into a transport request for this user.
    func build(_ r: CompiledRequest, context: UserContext) -> HTTPRequest {
        // A literal step (the usual case) needs no lookup closure: capturing the user would copy it whole.
        if let url = r.fixedURL, let lines = r.fixedHeaderLines, r.step.body == nil {
            return request(r, url: url, headerLines: lines, body: nil, context: context)
        }
        let lookup = { (v: Variable) in self.value(v, context: context) }
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
        return request(r, url: url, headerLines: lines, body: body, context: context)
    }

    /// The request with what the step keeps of the response and its own limit, however its URL was made.
    private func request(
        _ r: CompiledRequest, url: String, headerLines: [String], body: [UInt8]?, context: UserContext
    ) -> HTTPRequest {
        let evidence = context.keepEvidence
        return HTTPRequest(
            method: r.step.method, url: url, headerLines: headerLines, body: body,
            keepBodyBytes: r.step.needsBody ? 1 << 20 : (evidence ? Evidence.bodyBytes : 0),
            keepHeaders: r.step.needsHeaders || evidence || (r.step.followRedirects ?? 0) > 0,
            acceptEncoding: r.acceptEncoding, timeoutMilliseconds: r.step.timeout.map { $0.micros / 1000 })
    }

    /// What `{{…}}` means for this user now.
    func value(_ v: Variable, context: UserContext) -> String? {
        switch v {
        case .env(let name): context.environment[name]
        case .role(let field): account[field]
        case .capture(let name): captures[name]
        case .vu: String(number)
        case .iteration: String(iteration)
        case .arrival: arrival.map(String.init)
        }
    }
}
