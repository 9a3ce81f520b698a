import Transport

/// A browser opens at most 6 HTTP/1.1 connections to one origin and queues the rest of a page's requests; over
/// HTTP/2 it multiplexes them all on one connection. The user does the same with its parallel groups, so a group
/// of 10 waits for its queue as a browser's page does. The queueing is the user's (libcurl's own per-host limit
/// leaves waiting transfers with skewed timings and slows down past a few dozen), so the wait is measured exactly
/// as the `queue` phase.
struct ConnectionLimit {
    /// Requests to one origin in flight at once (0: no limit).
    let perOrigin: Int
    /// Origins seen answering over HTTP/2 on this user's connections: no limit there.
    private var multiplexed: Set<String> = []
    /// For the current step: requests in flight per origin, and the slots waiting (first come, first served).
    private var inFlight: [String: Int] = [:]
    private var originOfSlot: [Int: String] = [:]
    private var waiting: [(slot: Int, origin: String, request: HTTPRequest)] = []

    init(perOrigin: Int) { self.perOrigin = perOrigin }

    /// Whether a step of `count` requests can exceed the limit at all (a lone request never queues).
    func applies(toStepOf count: Int) -> Bool { perOrigin > 0 && count > perOrigin }

    /// Starts a new step.
    mutating func reset() {
        inFlight.removeAll(keepingCapacity: true)
        originOfSlot.removeAll(keepingCapacity: true)
        waiting.removeAll(keepingCapacity: true)
    }

    /// Whether `request` may go now; if not it waits its turn.
    mutating func admit(slot: Int, _ request: HTTPRequest) -> Bool {
        let origin = Self.origin(of: request.url)
        originOfSlot[slot] = origin
        if multiplexed.contains(origin) || inFlight[origin, default: 0] < perOrigin {
            inFlight[origin, default: 0] += 1
            return true
        }
        waiting.append((slot, origin, request))
        return false
    }

    /// The request of `slot` finished (over `httpVersion`): the requests that may go now, in order.
    mutating func finished(slot: Int, httpVersion: String?) -> [(slot: Int, request: HTTPRequest)] {
        guard let origin = originOfSlot.removeValue(forKey: slot) else { return [] }
        if let count = inFlight[origin], count > 0 { inFlight[origin] = count - 1 }
        if httpVersion == "2" || httpVersion == "3" { multiplexed.insert(origin) }
        var released: [(slot: Int, request: HTTPRequest)] = []
        var index = 0
        while index < waiting.count {
            let w = waiting[index]
            guard w.origin == origin, multiplexed.contains(origin) || inFlight[origin, default: 0] < perOrigin else {
                index += 1
                continue
            }
            inFlight[origin, default: 0] += 1
            released.append((w.slot, w.request))
            waiting.remove(at: index)
        }
        return released
    }

    /// `scheme://host:port` of an absolute URL, lower-cased: what a browser keys its connections by.
    static func origin(of url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url.lowercased() }
        let rest = url[scheme.upperBound...]
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        return url[..<end].lowercased()
    }
}
