/// Checks the loads against `target.max_rate` before anything is sent: the arrival-rate scenarios together must
/// not need more requests per second than the cap (peak iterations/s × requests per iteration). Closed models'
/// rates are unknown in advance; the engine holds them under the cap as they run.
enum LoadChecks {
    static func validate(_ profile: Profile, scenariosValue: YAMLValue, target: YAMLValue) throws(ScenarioError) {
        try checkTotalVUs(profile, scenariosValue: scenariosValue)
        guard let cap = profile.target.maxRate else { return }
        var needed = 0.0
        var parts: [String] = []
        for scenario in profile.scenarios {
            guard let curve = scenario.load.executor.rateCurve else { continue }
            let peak = ([curve.start] + curve.stages.map(\.target)).max() ?? 0
            let perIteration = scenario.flows.reduce(0) { $0 + $1.requestCount }
            needed += peak * Double(perIteration)
            parts.append("\(scenario.name): \(IterationRateText.format(peak)) × \(perIteration) requests")
        }
        guard needed > cap else { return }
        throw scenariosValue.error(
            "the arrival rates need up to \(IterationRateText.format(needed)) requests, more than target.max_rate "
                + "\(IterationRateText.format(cap)) (\(parts.joined(separator: ", ")))",
            hint: "lower the rates, or raise target.max_rate if the target may take it")
    }
}

/// Scenarios run side by side: their VUs together stay within ``InputLimits/maxVUs``.
extension LoadChecks {
    static func checkTotalVUs(_ profile: Profile, scenariosValue: YAMLValue) throws(ScenarioError) {
        let total = profile.scenarios.reduce(0) { $0 + $1.load.executor.maxVUs }
        guard total > InputLimits.maxVUs else { return }
        throw scenariosValue.error(
            "the scenarios need up to \(InputLimits.format(total)) VUs together, over the limit of "
                + InputLimits.format(InputLimits.maxVUs),
            hint: "see README \"Bad input\" for the limits of every input")
    }
}

extension Flow {
    /// Requests one iteration sends (each request of a group counts).
    public var requestCount: Int {
        steps.reduce(0) { total, step in
            switch step {
            case .request: total + 1
            case .group(let g): total + g.requests.count
            case .think: total
            }
        }
    }
}
