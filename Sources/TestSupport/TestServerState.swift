import Dispatch
import Synchronization

/// Everything a `TestServer` counts or remembers between requests, shared by all its connections.
///
/// Requests are counted when their head arrives (not when the response is sent), so a test can
/// tell "the client sent it" apart from "the client got an answer".
final class TestServerState: Sendable {
    private struct Counts {
        var byPath: [String: Int] = [:]
        var total = 0
        var connections = 0
        /// Every `traceparent` header received, in order (W3C trace context).
        var traceParents: [String] = []
        /// Every request target (path and query), when the server keeps them.
        var targets: [String] = []
    }

    private let counts = Mutex(Counts())
    /// Whether request targets are kept (`TestServer.start(keepTargets:)`).
    let keepTargets: Bool

    init(keepTargets: Bool = false) {
        self.keepTargets = keepTargets
    }
    /// Whether `/stall-once/{ms}` has already stalled once.
    private let stallUsed = Mutex(false)
    /// When the first `/pause/…` request arrived (monotonic ns).
    private let pauseOrigin = Mutex<UInt64?>(nil)

    /// Records a request head for `path` (already stripped of its query string) and its whole `target`.
    func recordRequest(path: String, target: String) {
        counts.withLock {
            $0.byPath[path, default: 0] += 1
            $0.total += 1
            if keepTargets { $0.targets.append(target) }
        }
    }

    /// `/knee/…` requests being answered now, and the most there ever were at once.
    private let kneeInFlight = Mutex((now: 0, peak: 0))

    /// A `/knee/…` request arrived; returns how many are in flight with it.
    func enterKnee() -> Int {
        kneeInFlight.withLock {
            $0.now += 1
            $0.peak = max($0.peak, $0.now)
            return $0.now
        }
    }

    /// The most `/knee/…` requests that were in flight at once.
    var kneePeak: Int { kneeInFlight.withLock { $0.peak } }

    /// A `/knee/…` response went out.
    func leaveKnee() { kneeInFlight.withLock { $0.now -= 1 } }

    /// Records a request's `traceparent` header.
    func recordTraceParent(_ value: String) {
        counts.withLock { $0.traceParents.append(value) }
    }

    /// Every `traceparent` received so far.
    var traceParents: [String] { counts.withLock { $0.traceParents } }
    /// The request targets received, in order (empty unless kept).
    var targets: [String] { counts.withLock { $0.targets } }

    /// Records an accepted TCP connection.
    func recordConnection() {
        counts.withLock { $0.connections += 1 }
    }

    /// Requests received for exactly `path`, or all requests when `path` is nil.
    func requestCount(path: String?) -> Int {
        counts.withLock { counts in
            guard let path else { return counts.total }
            return counts.byPath[path, default: 0]
        }
    }

    /// TCP connections accepted so far.
    var connectionCount: Int {
        counts.withLock { $0.connections }
    }

    /// Forgets all request and connection counts.
    func resetCounts() {
        counts.withLock { $0 = Counts() }
    }

    /// Returns true exactly once (for the first caller) until `rearmStall()`.
    func takeStall() -> Bool {
        stallUsed.withLock { used in
            defer { used = true }
            return !used
        }
    }

    /// Makes the next `/stall-once/{ms}` request stall again.
    func rearmStall() {
        stallUsed.withLock { $0 = false }
    }

    /// `/pause/{atMs}/{ms}`: how long a request arriving now must wait, in ms (0 outside the pause).
    func pauseWait(atMilliseconds: Int, milliseconds: Int) -> Int {
        let now = DispatchTime.now().uptimeNanoseconds
        let origin = pauseOrigin.withLock { origin in
            if origin == nil { origin = now }
            return origin!
        }
        let start = origin + UInt64(atMilliseconds) * 1_000_000
        let end = start + UInt64(milliseconds) * 1_000_000
        guard now >= start, now < end else { return 0 }
        return Int((end - now + 999_999) / 1_000_000)
    }
}
