/// `target.max_rate` on one worker: a token bucket releasing its share of the run's requests per second. A
/// request without a token waits in the worker's queue (its wait counts in the user's time, not its service
/// time), so the run never sends faster than the profile allows, whatever the executor. The bucket holds up to
/// `burstTokens` (or 50 ms of the rate, if more), so a browser-like group of parallel requests is not spaced out:
/// over any window T a worker sends at most its rate × T plus that burst.
struct RequestCeiling {
    /// Nanoseconds between two tokens.
    private let interval: UInt64
    /// Tokens may accumulate for this long.
    private let burst: UInt64
    static let burstTokens: UInt64 = 8
    /// The time by which every token handed out so far has been earned.
    private var earned: UInt64

    init(perSecond: Double, start: UInt64) {
        interval = UInt64(max(1, (1e9 / perSecond).rounded()))
        burst = max(interval * Self.burstTokens, 50_000_000)
        earned = start
    }

    /// Takes a token if one is due at `now`.
    mutating func take(now: UInt64) -> Bool {
        let floor = now > burst ? now - burst : 0
        if earned < floor { earned = floor }
        guard earned <= now else { return false }
        earned += interval
        return true
    }

    /// When the next token is due.
    func nextToken(now: UInt64) -> UInt64 { max(earned, now) }
}
