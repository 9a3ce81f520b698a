import Metrics
import Synchronization

/// What the controller and the workers share: stop requests, counters, and the mailbox through which each
/// worker hands over one interval's measurements. Workers touch it once per interval and per iteration,
/// never per request.
final class RunState: Sendable {
    /// 0 running, 1 stop starting iterations (graceful), 2 cut transfers now.
    let stopLevel = Atomic<Int>(0)
    /// Virtual users running an iteration now, and the most there were at once.
    let activeVUs = Atomic<Int>(0)
    let peakActiveVUs = Atomic<Int>(0)
    /// The same per role (indexed like `profile.roles`), for the timeline's per-role points.
    let activeVUsByRole: [Counter]
    /// `target.max_rate` for the whole run (nil: no cap); set once before the workers start.
    let ceiling: RequestCeiling?
    private let mailbox = Mutex<[MetricsStore]>([])
    /// Each finished worker's thread CPU time and running time, seconds.
    private let workerCPU = Mutex<[(cpu: Double, wall: Double)]>([])

    /// Why an engine thread had to stop the run (libcurl refused a call), if one did.
    private let failure = Mutex<String?>(nil)

    init(maxRate: Double?, start: UInt64, roles: Int = 0) {
        ceiling = maxRate.map { RequestCeiling(perSecond: $0, start: start) }
        activeVUsByRole = (0..<roles).map { _ in Counter() }
    }

    /// A user of `role` began (+1) or ended (−1) an iteration: counted in the total and in its role's count.
    func iterationChanged(role: Int, by delta: Int) {
        // `wrappingAdd` is one `lock xadd`; `add` checks for overflow (a count of users cannot overflow) in a
        // compare-and-swap loop.
        let active = activeVUs.wrappingAdd(delta, ordering: .relaxed).newValue
        if activeVUsByRole.indices.contains(role) {
            _ = activeVUsByRole[role].value.wrappingAdd(delta, ordering: .relaxed)
        }
        if delta > 0 { raisePeak(to: active) }
    }

    /// Active VUs per role now.
    var activeVUsPerRole: [Int] { activeVUsByRole.map { $0.value.load(ordering: .relaxed) } }

    /// An atomic count that can live in an array (`Atomic` itself cannot be copied into one).
    final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    /// An engine thread cannot go on: remember why (the first reason wins) and cut the run.
    func fail(_ reason: String) {
        failure.withLock { if $0 == nil { $0 = reason } }
        requestStop(hard: true)
    }

    var failureReason: String? { failure.withLock { $0 } }

    /// Keeps the most users that were in an iteration at once (once per iteration, never per request).
    private func raisePeak(to active: Int) {
        var peak = peakActiveVUs.load(ordering: .relaxed)
        while active > peak {
            let (exchanged, original) = peakActiveVUs.compareExchange(
                expected: peak, desired: active, ordering: .relaxed)
            if exchanged { break }
            peak = original
        }
    }

    func post(_ store: MetricsStore) { mailbox.withLock { $0.append(store) } }

    func collect() -> [MetricsStore] {
        mailbox.withLock { box in
            defer { box.removeAll() }
            return box
        }
    }

    func recordWorkerCPU(threadCPUSeconds: Double, wallSeconds: Double) {
        workerCPU.withLock { $0.append((threadCPUSeconds, wallSeconds)) }
    }

    /// The busiest worker thread's CPU share over its running time (0–1).
    var busiestWorkerCPU: Double {
        workerCPU.withLock { list in list.map { $0.wall > 0 ? min(1, $0.cpu / $0.wall) : 0 }.max() ?? 0 }
    }

    /// Asks the run to stop: gracefully first, at once when asked again (or with `hard`).
    func requestStop(hard: Bool = false) {
        if hard {
            stopLevel.store(2, ordering: .relaxed)
        } else {
            _ = stopLevel.compareExchange(expected: 0, desired: 1, ordering: .relaxed)
        }
    }
}
