import Transport

/// A prepared transfer waiting in its worker's queue.
struct Queued {
    let easy: EasyHandle
    /// When it was queued (monotonic ns).
    let since: UInt64
    /// The worker's token refusals when it was queued, and whether the queue was then waiting for a token.
    let refusals: Int
    let behindRate: Bool

    /// Whether `target.max_rate` delayed it: it queued behind a request waiting for a token, or was refused one.
    func heldByRate(refusalsNow: Int) -> Bool { behindRate || refusalsNow > refusals }
}

/// A virtual user's next moment to act (ramp-up start, end of think time, next iteration).
struct Wake: Comparable {
    var time: UInt64
    var vu: Int

    static func < (a: Wake, b: Wake) -> Bool { a.time < b.time }
}
