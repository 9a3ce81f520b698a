import Metrics

/// Where a role's extra time on a step went, against the base role: the server's own metrics (Server-Timing), the
/// client's queue for a connection, the transfer, or none of these (the network, or a server that does not say).
/// Each contributor is the difference of its p95s — p95s do not add up exactly, so this names the biggest
/// contributor rather than splitting the time to the millisecond.
struct ExtraTimeAttribution {
    private let run: SavedRun

    init(run: SavedRun) { self.run = run }

    /// The step of `key` (for a group: its step with the largest p95 difference) and the cause of its extra time.
    func explain(_ key: RoleDiff.Key, role: String, base: String) -> ExtraTime? {
        let candidates = steps(of: key)
        let compared = candidates.compactMap { name -> (String, StepSeries, StepSeries)? in
            guard let r = series(key, step: name, role: role), let b = series(key, step: name, role: base) else {
                return nil
            }
            return (name, r, b)
        }
        guard
            let (step, r, b) = compared.max(by: {
                Self.p95($0.1.total) - Self.p95($0.2.total) < Self.p95($1.1.total) - Self.p95($1.2.total)
            })
        else { return nil }
        let extra = Self.p95(r.total) - Self.p95(b.total)
        let contributors = Self.contributors(r, b)
        let name = key.kind == .group ? "\(key.name) › \(step)" : key.name
        return ExtraTime(
            step: name, extraMs: Self.rounded(extra), cause: Self.cause(contributors, extra: extra),
            contributors: contributors.mapValues(Self.rounded))
    }

    /// Per Server-Timing metric, `queue` and `transfer`: the role's p95 less the base's, ms (positive ones only).
    static func contributors(_ r: StepSeries, _ b: StepSeries) -> [String: Double] {
        var out: [String: Double] = [:]
        for name in r.serverTiming.names {
            let diff = p95(r.serverTiming.histogram(name)) - p95(b.serverTiming.histogram(name))
            if diff > 0 { out[name] = diff }
        }
        for phase in [Phase.queue, .transfer] {
            let diff = p95(r.phases[phase.index]) - p95(b.phases[phase.index])
            if diff > 0 { out[phase.rawValue] = diff }
        }
        return out
    }

    /// The biggest contributor decides, if it explains at least a tenth of the extra time.
    static func cause(_ contributors: [String: Double], extra: Double) -> ExtraTime.Cause {
        guard let (name, ms) = contributors.max(by: { $0.value < $1.value }), ms >= extra / 10 else {
            return .networkOrOther
        }
        switch name {
        case Phase.queue.rawValue: return .queueing
        case Phase.transfer.rawValue: return .transfer
        default: return isQueueLike(name) ? .queueing : .serverTime
        }
    }

    /// A Server-Timing metric that names a wait for a turn (`pool`, `queue`, `wait`, `lock`, `acquire`).
    static func isQueueLike(_ name: String) -> Bool {
        let n = name.lowercased()
        return ["pool", "queue", "wait", "lock", "acquire"].contains { n.contains($0) }
    }

    private func steps(of key: RoleDiff.Key) -> [String] {
        if key.kind == .step { return [key.step ?? key.name] }
        var names: [String] = []
        for k in run.catalog.steps
        where k.scenario == key.scenario && k.flow == key.flow && k.group == key.group && !names.contains(k.step) {
            names.append(k.step)
        }
        return names
    }

    /// The step's series for one role (several methods of one name merged), nil when it never ran.
    private func series(_ key: RoleDiff.Key, step: String, role: String) -> StepSeries? {
        var merged: StepSeries?
        for (k, s) in zip(run.catalog.steps, run.store.steps)
        where k.scenario == key.scenario && k.flow == key.flow && k.group == key.group && k.step == step
            && k.role == role && s.requests > 0
        {
            if merged == nil { merged = s } else { merged?.add(s) }
        }
        return merged
    }

    static func p95(_ h: LatencyHistogram?) -> Double {
        guard let h, h.count > 0 else { return 0 }
        return Double(h.micros(atPercentile: 95)) / 1000
    }

    static func rounded(_ ms: Double) -> Double { (ms * 1000).rounded() / 1000 }
}
