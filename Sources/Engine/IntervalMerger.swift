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

    init(catalog: SeriesCatalog, startTime: UInt64, wallStart: Date) {
        self.catalog = catalog
        self.startTime = startTime
        self.wallStart = wallStart.timeIntervalSince1970
        total = MetricsStore(catalog: catalog)
    }

    /// Merges one interval's stores; returns the interval's timeline point and its measurements.
    mutating func merge(_ stores: [MetricsStore], activeVUs: Int) -> (TimelinePoint, MetricsStore) {
        // The first worker's store is the interval's start: adding it into an empty store would copy every histogram.
        var interval = stores.first ?? MetricsStore(catalog: catalog)
        for s in stores.dropFirst() { interval.add(s) }
        total.add(interval)
        let elapsed = Double(MonotonicClock.now() - startTime) / 1e9
        let point = TimelinePoint(
            elapsed: (elapsed * 1000).rounded() / 1000, activeVus: activeVUs, requests: interval.requests,
            failed: interval.failed, timeouts: interval.errors(.timeout),
            p95: Double(interval.allRequests.micros(atPercentile: 95)) / 1000,
            at: ((wallStart + elapsed) * 1000).rounded() / 1000)
        if interval.requests > 0 || activeVUs > 0 { timeline.append(point) }
        return (point, interval)
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
