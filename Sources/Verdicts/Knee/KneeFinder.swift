import Metrics
import Scenario

/// Follows a stepped load second by second: sums each level's measured seconds, judges a level when its window is
/// over, and says when every role has crossed (the test may stop). Pure: fed the run's per-second intervals.
public struct KneeFinder: Sendable {
    public let plan: SteppedLoad
    private let catalog: SeriesCatalog
    private let roles: [String]
    private let spinnerMs: Int
    private let errorLimitPercent: Double
    private var stores: [MetricsStore?]
    private var seconds: [Int]
    private var judged: [KneeLevel] = []

    public init(plan: SteppedLoad, catalog: SeriesCatalog, roles: [String], spinnerMs: Int, errorLimitPercent: Double) {
        self.plan = plan
        self.catalog = catalog
        self.roles = roles
        self.spinnerMs = spinnerMs
        self.errorLimitPercent = errorLimitPercent
        stores = Array(repeating: nil, count: plan.levels.count)
        seconds = Array(repeating: 0, count: plan.levels.count)
    }

    /// Takes the interval that ended `elapsed` seconds into the run. Returns true once every role has crossed.
    public mutating func take(_ interval: MetricsStore, elapsed: Double) -> Bool {
        let second = Int(elapsed.rounded(.down))
        if let level = plan.level(ofSecond: second) {
            if stores[level] == nil { stores[level] = MetricsStore(catalog: catalog) }
            stores[level]?.add(interval)
            seconds[level] += 1
        }
        for level in judged.count..<plan.levels.count where second >= plan.lastSecond(ofLevel: level) {
            judged.append(judge(level))
        }
        return !roles.isEmpty && roles.allSatisfy { role in judged.contains { $0.crossed(role) } }
    }

    /// The report of what was measured (levels whose window never completed are left out).
    public func report(stoppedEarly: Bool) -> KneeReport {
        KneeReport(
            unit: plan.kind.rawValue, spinnerMs: spinnerMs, errorLimitPercent: errorLimitPercent,
            plannedLevels: plan.levels, levels: judged, roles: roles.map(result), stoppedEarly: stoppedEarly)
    }

    private func result(_ role: String) -> KneeRole {
        guard let index = judged.firstIndex(where: { $0.crossed(role) }) else {
            return KneeRole(role: role, crossedAt: nil, safe: judged.last?.load, reason: nil)
        }
        let level = judged[index]
        return KneeRole(
            role: role, crossedAt: level.load, safe: index > 0 ? judged[index - 1].load : nil,
            reason: reason(level.roles.first { $0.role == role }))
    }

    private func reason(_ r: KneeRoleLevel?) -> String? {
        guard let r else { return nil }
        let spinner = Format.latency(Double(spinnerMs))
        if let wait = r.waits.filter({ $0.p95Ms > Double(spinnerMs) }).max(by: { $0.p95Ms < $1.p95Ms }) {
            return "\(wait.name) p95 \(Format.latency(wait.p95Ms)) > \(spinner)"
        }
        return
            "errors \(Format.trimmed(r.errorRatePercent, digits: 1))% > \(Format.trimmed(errorLimitPercent, digits: 1))%"
    }

    private func judge(_ level: Int) -> KneeLevel {
        let store = stores[level] ?? MetricsStore(catalog: catalog)
        let span = max(seconds[level], 1)
        return KneeLevel(
            load: plan.levels[level], seconds: seconds[level],
            roles: roles.map { role in roleLevel(role, store, seconds: span) })
    }

    private func roleLevel(_ role: String, _ store: MetricsStore, seconds: Int) -> KneeRoleLevel {
        var waits: [KneeWait] = []
        for (key, g) in zip(catalog.groups, store.groups) where key.role == role && g.count > 0 {
            waits.append(wait(key.group, g.time, count: g.count, failed: g.failed))
        }
        var requests = 0
        var errors = 0
        for (key, s) in zip(catalog.steps, store.steps) where key.role == role {
            requests += s.requests
            errors += s.failed
            if key.group == nil, s.requests > 0 {
                waits.append(wait(key.step, s.total, count: s.requests, failed: s.failed))
            }
        }
        let rate = requests > 0 ? Double(errors) / Double(requests) * 100 : 0
        let crossed = waits.contains { $0.p95Ms > Double(spinnerMs) } || rate > errorLimitPercent
        return KneeRoleLevel(
            role: role, requests: requests, throughput: Double(requests) / Double(seconds), errors: errors,
            errorRatePercent: (rate * 100).rounded() / 100, waits: waits, crossed: crossed)
    }

    private func wait(_ name: String, _ h: LatencyHistogram, count: Int, failed: Int) -> KneeWait {
        KneeWait(
            name: name, count: count, p50Ms: Double(h.micros(atPercentile: 50)) / 1000,
            p95Ms: Double(h.micros(atPercentile: 95)) / 1000, failed: failed)
    }
}

extension KneeLevel {
    func crossed(_ role: String) -> Bool { roles.contains { $0.role == role && $0.crossed } }
}
