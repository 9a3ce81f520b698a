import Foundation
import Metrics
import Transport

/// Folds the workers' per-interval measurements into the run's total and its timeline.
struct IntervalMerger {
    private(set) var total: MetricsStore
    private(set) var timeline: [TimelinePoint] = []
    private let catalog: SeriesCatalog
    private let startTime: UInt64
    /// The start on the wall clock (Unix seconds): timeline points carry their wall-clock time too, so the
    /// timelines of processes of a split run line up second by second when merged.
    private let wallStart: Double
    /// The profile's roles, and per role the catalog's step series of it (for the timeline's per-role points).
    private let roles: [String]
    private let stepsOfRole: [[Int]]

    init(catalog: SeriesCatalog, startTime: UInt64, wallStart: Date, roles: [String] = []) {
        self.catalog = catalog
        self.startTime = startTime
        self.wallStart = wallStart.timeIntervalSince1970
        self.roles = roles
        stepsOfRole = roles.map { role in catalog.steps.indices.filter { catalog.steps[$0].role == role } }
        total = MetricsStore(catalog: catalog)
    }

    /// Merges one interval's stores; returns the interval's timeline point and its measurements. `activeByRole` is
    /// indexed like the roles.
    mutating func merge(
        _ stores: [MetricsStore], activeVUs: Int, activeByRole: [Int] = []
    ) -> (TimelinePoint, MetricsStore) {
        // The first worker's store is the interval's start: adding it into an empty store would copy every histogram.
        var interval = stores.first ?? MetricsStore(catalog: catalog)
        for s in stores.dropFirst() { interval.add(s) }
        total.add(interval)
        let elapsed = Double(MonotonicClock.now() - startTime) / 1e9
        let point = TimelinePoint(
            elapsed: (elapsed * 1000).rounded() / 1000, activeVus: activeVUs, requests: interval.requests,
            failed: interval.failed, timeouts: interval.errors(.timeout),
            p95: Double(interval.allRequests.micros(atPercentile: 95)) / 1000,
            at: ((wallStart + elapsed) * 1000).rounded() / 1000,
            roles: roles.isEmpty ? nil : rolePoints(interval, active: activeByRole))
        if interval.requests > 0 || activeVUs > 0 { timeline.append(point) }
        return (point, interval)
    }

    /// The interval per role: its active users, requests, failures and latency percentiles.
    private func rolePoints(_ interval: MetricsStore, active: [Int]) -> [RoleTimelinePoint] {
        roles.indices.map { r in
            var times = LatencyHistogram()
            var requests = 0
            var failed = 0
            var timeouts = 0
            for i in stepsOfRole[r] where interval.steps[i].requests > 0 {
                let s = interval.steps[i]
                times.add(s.total)
                requests += s.requests
                failed += s.failed
                timeouts += s.errors(.timeout)
            }
            func ms(_ p: Double) -> Double { Double(times.micros(atPercentile: p)) / 1000 }
            return RoleTimelinePoint(
                role: roles[r], activeVus: active.indices.contains(r) ? active[r] : 0, requests: requests,
                failed: failed, timeouts: timeouts, p50: ms(50), p95: ms(95), p99: ms(99))
        }
    }

    func progress(_ point: TimelinePoint, stopping: Bool) -> Progress {
        let span = max(point.elapsed - lastElapsedBefore(point), 0.001)
        return Progress(
            elapsedSeconds: point.elapsed, activeVUs: point.activeVus, requests: total.requests,
            rate: Double(point.requests) / span, p95: Double(total.allRequests.micros(atPercentile: 95)) / 1000,
            failed: total.failed, timeouts: total.errors(.timeout), stopping: stopping)
    }

    private func lastElapsedBefore(_ point: TimelinePoint) -> Double {
        timeline.count >= 2 ? timeline[timeline.count - 2].elapsed : 0
    }
}
