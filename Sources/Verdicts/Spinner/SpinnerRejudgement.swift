import Metrics

/// Re-judges which waits crossed the spinner limit, from a saved run's histograms, for another limit: `rehearse
/// report RUN --spinner 3s` answers "and if users gave up after 3 s?" without running the load again.
///
/// While a run goes on, the engine counts every wait over the limit exactly (`overSpinner`). Afterwards only the
/// histograms are left, and they keep values to 3 significant digits. So the counts for another limit are
/// precision-bounded: a wait in the same histogram bucket as the new limit (within 0.1% of it, about 2 ms at 2 s)
/// counts as *at* the limit, not over it, unless it is the recorded maximum, which is kept exactly. At the run's
/// own limit the engine's exact counts are kept.
public enum SpinnerRejudgement {
    /// `run` as if its spinner limit had been `spinnerMs` for every wait (a step's, group's or role's own limit
    /// included): the limit in its run info, and every lone request's and group wait's over-the-limit count
    /// re-derived from its histogram. A request inside a parallel group is not a wait of its own (its group is), as
    /// while running.
    public static func rejudge(_ run: SavedRun, spinnerMs: Int) -> SavedRun {
        let ownLimits =
            run.catalog.steps.contains { $0.spinnerMs != nil } || run.catalog.groups.contains { $0.spinnerMs != nil }
        guard spinnerMs != run.info.spinnerMs || ownLimits else { return run }
        var out = run
        out.info.spinnerMs = spinnerMs
        for i in out.catalog.steps.indices { out.catalog.steps[i].spinnerMs = nil }
        for i in out.catalog.groups.indices { out.catalog.groups[i].spinnerMs = nil }
        let limit = spinnerMs * 1000
        for (i, key) in zip(run.store.steps.indices, run.catalog.steps) where key.group == nil {
            out.store.steps[i].overSpinner = run.store.steps[i].total.count(overMicros: limit)
        }
        for i in run.store.groups.indices {
            out.store.groups[i].overSpinner = run.store.groups[i].time.count(overMicros: limit)
        }
        return out
    }
}

extension LatencyHistogram {
    /// How many recorded values are over `limit` µs, to the histogram's precision: values in `limit`'s own bucket
    /// count as equal to it, except the recorded maximum (known exactly).
    func count(overMicros limit: Int) -> Int {
        guard count > 0, limit < maxMicros else { return 0 }
        if limit < minMicros { return count }
        let first = histogram.nextNonEquivalentForValue(UInt64(limit))
        let max = UInt64(maxMicros)
        let above = first <= max ? Int(histogram.count(within: first...max)) : 0
        // The maximum is over the limit (checked above) even when it shares the limit's bucket.
        return Swift.max(above, 1)
    }
}
