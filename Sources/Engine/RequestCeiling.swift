import Synchronization

/// `target.max_rate`: one token bucket for the whole run, shared by the workers (a worker's load depends on which
/// VUs it owns, so an even split would throttle one worker while another idles). A request without a token waits
/// in its worker's queue (the wait counts in the user's time, not in service time, and is counted as throttled),
/// so the run never sends faster than the profile allows, whatever the executors. The bucket holds up to
/// `burstTokens` tokens (or 50 ms of the rate, if more), so a browser-like group of parallel requests is not
/// spaced out: over any window T the run sends at most max_rate × T plus that burst.
final class RequestCeiling: Sendable {
    /// Nanoseconds between two tokens.
    private let interval: UInt64
    /// How far back unused tokens count (the burst, in time).
    private let burst: UInt64
    static let burstTokens: UInt64 = 8
    /// The time by which every token handed out so far has been earned (monotonic ns).
    private let earned: Atomic<UInt64>

    init(perSecond: Double, start: UInt64) {
        interval = UInt64(max(1, (1e9 / perSecond).rounded()))
        burst = max(interval * Self.burstTokens, 50_000_000)
        earned = Atomic(start)
    }

    /// Takes a token if one is due at `now`. A token is due while `earned` ≤ `now`; after a pause, `earned` is
    /// moved up so that at most `burst / interval` tokens are due at once.
    func take(now: UInt64) -> Bool {
        let floor = now >= burst ? now - burst + interval : 0
        while true {
            let current = earned.load(ordering: .relaxed)
            let from = max(current, floor)
            guard from <= now else { return false }
            if earned.compareExchange(expected: current, desired: from + interval, ordering: .relaxed).exchanged {
                return true
            }
        }
    }

    /// When the next token is due.
    func nextToken(now: UInt64) -> UInt64 { max(earned.load(ordering: .relaxed), now) }
}
