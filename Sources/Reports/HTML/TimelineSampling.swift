import Metrics

/// A run's per-second timeline made ready to draw: one row of values per role, at most `maxPoints` per series.
/// Longer runs are folded into buckets of whole seconds: counts are summed (rates are per second of the bucket),
/// active VUs and latencies take the bucket's highest second — a peak is never averaged away.
struct TimelineSampling {
    /// One role's series, aligned with `seconds`.
    struct RoleRows {
        var role: String
        var vus: [Double] = []
        var rate: [Double] = []
        var failed: [Double] = []
        var timeouts: [Double] = []
        /// Latencies are nil in a bucket without requests of the role (a gap, not a zero).
        var p50: [Double?] = []
        var p95: [Double?] = []
        var p99: [Double?] = []
    }

    /// The bucket ends, seconds since the start.
    var seconds: [Double] = []
    var roles: [RoleRows] = []
    /// Seconds per bucket (1 unless the run was long).
    var bucket = 1
    /// Whether the run kept per-role points (older runs have only totals: one row, `all roles`, without p50/p99).
    var perRole = true

    static let maxPoints = 2_000
    static let allRoles = "all roles"

    init(_ info: RunInfo, maxPoints: Int = Self.maxPoints) {
        let points = info.timeline
        guard !points.isEmpty else { return }
        perRole = points.allSatisfy { $0.roles != nil }
        let names = perRole ? Self.roleNames(points, order: info.roles) : [Self.allRoles]
        roles = names.map { RoleRows(role: $0) }
        bucket = max(1, (points.count + maxPoints - 1) / maxPoints)
        var start = 0.0
        var index = 0
        while index < points.count {
            let slice = points[index..<min(index + bucket, points.count)]
            let end = slice.last!.elapsed
            let span = max(end - start, 0.001)
            seconds.append((end * 1000).rounded() / 1000)
            for r in roles.indices {
                let values = slice.map { perRole ? ($0.roles ?? []).first { $0.role == names[r] } : Self.total($0) }
                append(values, span: span, to: &roles[r])
            }
            start = end
            index += bucket
        }
    }

    private func append(_ values: [RoleTimelinePoint?], span: Double, to row: inout RoleRows) {
        let present = values.compactMap { $0 }
        func sum(_ f: (RoleTimelinePoint) -> Int) -> Double { Double(present.reduce(0) { $0 + f($1) }) }
        func peak(_ f: (RoleTimelinePoint) -> Double) -> Double { present.map(f).max() ?? 0 }
        row.vus.append(peak { Double($0.activeVus) })
        row.rate.append((sum(\.requests) / span).significant(4))
        row.failed.append((sum(\.failed) / span).significant(4))
        row.timeouts.append((sum(\.timeouts) / span).significant(4))
        let answered = present.filter { $0.requests > 0 }
        func latency(_ f: (RoleTimelinePoint) -> Double) -> Double? { answered.map(f).max().map { $0.significant(4) } }
        row.p50.append(latency(\.p50))
        row.p95.append(latency(\.p95))
        row.p99.append(latency(\.p99))
    }

    /// An older run's point as a point of `all roles` (no p50/p99 were kept: they read as its p95).
    private static func total(_ p: TimelinePoint) -> RoleTimelinePoint {
        RoleTimelinePoint(
            role: allRoles, activeVus: p.activeVus, requests: p.requests, failed: p.failed, timeouts: p.timeouts,
            p50: p.p95, p95: p.p95, p99: p.p95)
    }

    /// The run's roles that appear in the timeline, in the run's order, then any others as first seen.
    private static func roleNames(_ points: [TimelinePoint], order: [String]) -> [String] {
        var seen: [String] = []
        for p in points { for r in p.roles ?? [] where !seen.contains(r.role) { seen.append(r.role) } }
        return order.filter(seen.contains) + seen.filter { !order.contains($0) }
    }

    /// `[x, y]` pairs of one series; a bucket without a value is left out (the line spans it).
    func points(_ values: [Double?]) -> [[Double]] { zip(seconds, values).compactMap { x, y in y.map { [x, $0] } } }

    func points(_ values: [Double]) -> [[Double]] { points(values.map { Optional($0) }) }
}
