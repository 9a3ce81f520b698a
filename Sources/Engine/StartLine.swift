import Dispatch
import Foundation
import Synchronization
import Transport

/// Where the workers wait for each other before the run's clock starts: each makes its curl handles first (which
/// takes a while for hundreds of VUs), so no schedule begins before every worker can keep it. With a start instant
/// (`--start-at`, shared by every process of a split run), the clock then waits for it, so ramps line up across
/// machines; a process that got ready after the instant starts at once and knows how late it is.
final class StartLine: Sendable {
    /// The common start: monotonic ns (what schedules count from) and the wall-clock time it happened.
    struct Start: Sendable {
        var monotonic: UInt64
        var wall: Date
        /// Seconds after the requested instant (0 when on time or none was asked for).
        var lateSeconds: Double
    }

    private let arrived = DispatchGroup()
    private let time = Mutex<Start?>(nil)
    private let notBefore: Date?
    /// Checked while waiting for the instant: a stop request starts the run at once (it then ends at once).
    private let cancelled: @Sendable () -> Bool

    init(parties: Int, notBefore: Date? = nil, cancelled: @escaping @Sendable () -> Bool = { false }) {
        self.notBefore = notBefore
        self.cancelled = cancelled
        for _ in 0..<parties { arrived.enter() }
    }

    /// A worker is ready; returns the common start time once every worker is.
    func arrive() -> UInt64 {
        arrived.leave()
        return startTime()
    }

    /// Waits until every worker is ready; the start time (monotonic ns), the same for every caller.
    func startTime() -> UInt64 { start().monotonic }

    /// Waits until every worker is ready and the instant has come; the start, the same for every caller.
    func start() -> Start {
        arrived.wait()
        return time.withLock { t in
            if t == nil {
                waitForInstant()
                let wall = Date()
                let late = notBefore.map { max(0, wall.timeIntervalSince($0)) } ?? 0
                t = Start(monotonic: MonotonicClock.now(), wall: wall, lateSeconds: late)
            }
            return t!
        }
    }

    /// Sleeps until `notBefore`, in short slices so a stop request is noticed.
    private func waitForInstant() {
        guard let notBefore else { return }
        while !cancelled() {
            let left = notBefore.timeIntervalSinceNow
            if left <= 0 { return }
            Thread.sleep(forTimeInterval: min(left, 0.05))
        }
    }
}
