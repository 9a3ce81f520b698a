import Metrics
import Scenario

/// The series of a saved run a threshold's filters select: step series (requests) and group series (waits).
struct ThresholdSelection {
    let steps: [StepSeries]
    let groups: [GroupSeries]
    /// Lone requests (not in a group): waits of their own.
    let loneSteps: [StepSeries]
    /// The selected scenarios' executor series (dropped iterations).
    let scenarios: [ScenarioSeries]

    init(_ threshold: Threshold, catalog: SeriesCatalog, store: MetricsStore) {
        let step = threshold.filter(.step)
        let group = threshold.filter(.group)
        let role = threshold.filter(.role)
        let flow = threshold.filter(.flow)
        let scenario = threshold.filter(.scenario)
        func matches(_ value: String?, _ filter: String?) -> Bool { filter == nil || value == filter }
        var steps: [StepSeries] = []
        var lone: [StepSeries] = []
        for (key, series) in zip(catalog.steps, store.steps)
        where matches(key.step, step) && matches(key.group, group) && matches(key.role, role) && matches(key.flow, flow)
            && matches(key.scenario, scenario)
        {
            steps.append(series)
            if key.group == nil { lone.append(series) }
        }
        // A step filter selects requests, never whole groups.
        groups =
            step != nil
            ? []
            : zip(catalog.groups, store.groups).compactMap { key, series in
                matches(key.group, group) && matches(key.role, role) && matches(key.flow, flow)
                    && matches(key.scenario, scenario) ? series : nil
            }
        scenarios = zip(catalog.scenarios, store.scenarios).compactMap { name, series in
            matches(name, scenario) ? series : nil
        }
        self.steps = steps
        loneSteps = lone
    }

    var requests: Int { steps.reduce(0) { $0 + $1.requests } }
    var failed: Int { steps.reduce(0) { $0 + $1.failed } }
    func errors(_ c: ErrorClass) -> Int { steps.reduce(0) { $0 + $1.errors(c) } }

    /// Every selected request's user-experienced time, merged bucket by bucket (percentiles are never averaged).
    var requestTimes: LatencyHistogram { steps.reduce(into: LatencyHistogram()) { $0.add($1.total) } }
    /// Every selected group wait, merged.
    var groupTimes: LatencyHistogram { groups.reduce(into: LatencyHistogram()) { $0.add($1.time) } }

    /// Waits (groups and lone requests) and how many crossed the spinner limit.
    var waits: (count: Int, overSpinner: Int) {
        let count = groups.reduce(0) { $0 + $1.count } + loneSteps.reduce(0) { $0 + $1.requests }
        let over = groups.reduce(0) { $0 + $1.overSpinner } + loneSteps.reduce(0) { $0 + $1.overSpinner }
        return (count, over)
    }
}
