/// The step, group, role and flow names of a profile, which threshold filters may name. A filter naming
/// nothing is an error at load time (with a "did you mean"), not a threshold that silently never matches.
public struct ThresholdNames: Sendable, Equatable {
    public var steps: [String]
    public var groups: [String]
    public var roles: [String]
    public var flows: [String]
    public var scenarios: [String]

    public init(
        steps: [String], groups: [String], roles: [String], flows: [String],
        scenarios: [String] = [LoadScenario.defaultName]
    ) {
        self.steps = steps
        self.groups = groups
        self.roles = roles
        self.flows = flows
        self.scenarios = scenarios
    }

    /// The names in `flows` (request steps, inside groups too; groups), `roles` and `scenarios`.
    public init(flows: [Flow], roles: [String], scenarios: [String] = [LoadScenario.defaultName]) {
        var steps: [String] = []
        var groups: [String] = []
        for step in flows.flatMap(\.steps) {
            switch step {
            case .request(let r): steps.append(r.name)
            case .group(let g):
                groups.append(g.name)
                steps += g.requests.map(\.name)
            case .think: break
            }
        }
        self.init(
            steps: steps.uniqued, groups: groups.uniqued, roles: roles, flows: flows.map(\.name), scenarios: scenarios)
    }

    public func names(_ tag: ThresholdTag) -> [String] {
        switch tag {
        case .step: steps
        case .group: groups
        case .role: roles
        case .flow: flows
        case .scenario: scenarios
        }
    }

    /// Throws when a filter of `threshold` names no step, group, role or flow of the profile.
    public func check(_ threshold: Threshold) throws(ParseFailure) {
        if threshold.metric == .droppedIterations, let other = threshold.filters.first(where: { $0.tag != .scenario }) {
            throw ParseFailure(
                "dropped_iterations counts whole iterations: it cannot be filtered by \(other.tag.rawValue)",
                hint:
                    "filter it by scenario only, e.g. dropped_iterations(scenario:\(scenarios.first ?? "browse")) == 0")
        }
        for filter in threshold.filters where !names(filter.tag).contains(filter.value) {
            throw unknown(filter)
        }
    }

    private func unknown(_ filter: ThresholdFilter) -> ParseFailure {
        let candidates = names(filter.tag)
        let message = "no \(filter.tag.rawValue) is named \"\(filter.value)\""
        if let hint = Suggestions.didYouMean(filter.value, in: candidates, format: { "\(filter.tag.rawValue):\($0)" }) {
            return ParseFailure(message, hint: hint)
        }
        if let other = ThresholdTag.allCases.first(where: { $0 != filter.tag && names($0).contains(filter.value) }) {
            return ParseFailure(
                message, hint: "\"\(filter.value)\" is a \(other.rawValue): write \(other.rawValue):\(filter.value)")
        }
        let list = candidates.map { $0.contains(" ") ? "\"\($0)\"" : $0 }.joined(separator: ", ")
        return ParseFailure(
            message,
            hint: candidates.isEmpty ? "the profile has no \(filter.tag.rawValue)s" : "\(filter.tag.rawValue)s: \(list)"
        )
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    fileprivate var uniqued: [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
