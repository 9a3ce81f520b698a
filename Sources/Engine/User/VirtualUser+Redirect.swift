import CurlURL
import Metrics
import Transport

/// Where a slot is in a chain of redirects (`follow_redirects:`).
struct RedirectState {
    /// The request of the hop in flight; nil when the step follows no redirects.
    var current: HTTPRequest?
    var hops = 0
    /// When the first hop was handed to libcurl: the service time spans the whole chain.
    var firstSentAt: UInt64 = 0
}

/// What to do with a response of a step that follows redirects.
enum RedirectAction {
    /// Send the next hop on the same slot.
    case send(HTTPRequest)
    /// The next hop may not be sent (a host off the allow-list, an unreadable `Location`): the step fails so.
    case refuse(TransferFailure)
    /// The response is the step's answer.
    case done
}

extension VirtualUser {
    /// The user follows redirects itself, as a browser does, rather than letting libcurl do it: every hop's host is
    /// checked against the allow-list before it is sent, and every hop counts in the step's time.
    mutating func followRedirect(slot: Int, result: TransferResult, sentAt: UInt64, context: UserContext)
        -> RedirectAction
    {
        guard let current = slotRedirect[slot].current, let limit = slotRequest[slot]?.step.followRedirects,
            slotRedirect[slot].hops < limit, result.failure == nil, Self.redirectStatuses.contains(result.status),
            let location = result.headers?.first(where: { $0.name.lowercased() == "location" })?.value
        else { return .done }
        guard let url = URLJoin.redirect(from: current.url, to: location) else {
            return .refuse(
                TransferFailure(kind: .blocked, code: -1, message: "redirect: the Location is not a URL"))
        }
        if let refusal = context.allowList.refusal(for: url) {
            return .refuse(TransferFailure(kind: .blocked, code: -1, message: "redirect refused: \(refusal)"))
        }
        if slotRedirect[slot].hops == 0 { slotRedirect[slot].firstSentAt = sentAt }
        let next = Self.hop(current, to: url, status: result.status)
        slotRedirect[slot].hops += 1
        slotRedirect[slot].current = next
        if context.keepEvidence { slotSent[slot] = next }
        return .send(next)
    }

    static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

    /// The next hop's request, as browsers make it: 303 (and 301/302 after a POST) turn into a GET without the
    /// body; 307 and 308 repeat the method and body. Credentials set by the flow do not follow to another origin.
    static func hop(_ request: HTTPRequest, to url: String, status: Int) -> HTTPRequest {
        var next = request
        next.url = url
        let becomesGET = status == 303 ? request.method != "HEAD" : (status <= 302 && request.method == "POST")
        if becomesGET {
            next.method = "GET"
            next.body = nil
            next.headerLines.removeAll { $0.lowercased().hasPrefix("content-type:") }
        }
        if ConnectionLimit.origin(of: url) != ConnectionLimit.origin(of: request.url) {
            next.headerLines.removeAll {
                let name = $0.lowercased()
                return name.hasPrefix("authorization:") || name.hasPrefix("cookie:")
                    || name.hasPrefix("proxy-authorization:")
            }
        }
        return next
    }
}
