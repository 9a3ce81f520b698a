import Scenario

extension RunPlan {
    /// The VUs of `scenario` this process runs.
    func ownVUs(of scenario: PlannedScenario) -> Int {
        segment.share(of: scenario.firstVU..<scenario.firstVU + scenario.load.maxVUs)
    }

    /// This process's part of a shared-iterations scenario's count, dealt in proportion to each segment's users of
    /// the scenario so that the parts add up to the count exactly (nil for other executors).
    public func sharedIterations(of scenario: PlannedScenario) -> Int? {
        guard case .sharedIterations(_, let total, _) = scenario.load.executor else { return nil }
        let range = scenario.firstVU..<scenario.firstVU + scenario.load.maxVUs
        let weights = segment.sequence.map { $0.share(of: range) }
        return segment.part(of: total, weights: weights)
    }

    /// `target.max_rate` for this process: the run's cap in proportion to the users it runs (nil: no cap, or no
    /// user to send anything).
    public var maxRequestRate: Double? {
        guard let rate = profile.maxRequestRate, totalVUs > 0, ownVUs > 0 else { return nil }
        return rate * Double(ownVUs) / Double(totalVUs)
    }

    /// The iterations this process plans: per-VU iterations of its own users, its part of shared iterations; nil
    /// when a scenario runs for a time instead.
    var plannedIterations: Int? {
        scenarios.reduce(Int?.some(0)) { total, scenario in
            let n: Int? =
                switch scenario.load.executor {
                case .perVUIterations(_, let each, _): each * ownVUs(of: scenario)
                case .sharedIterations: sharedIterations(of: scenario)
                default: nil
                }
            return total.flatMap { t in n.map { t + $0 } }
        }
    }
}
