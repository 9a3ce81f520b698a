import Dispatch
import Synchronization
import Transport

/// Where the workers wait for each other before the run's clock starts: each makes its curl handles first (which
/// takes a while for hundreds of VUs), so no schedule begins before every worker can keep it.
final class StartLine: Sendable {
    private let arrived = DispatchGroup()
    private let time = Mutex<UInt64?>(nil)

    init(parties: Int) {
        for _ in 0..<parties { arrived.enter() }
    }

    /// A worker is ready; returns the common start time once every worker is.
    func arrive() -> UInt64 {
        arrived.leave()
        return startTime()
    }

    /// Waits until every worker is ready; the start time (monotonic ns), the same for every caller.
    func startTime() -> UInt64 {
        arrived.wait()
        return time.withLock { t in
            if t == nil { t = MonotonicClock.now() }
            return t!
        }
    }
}
