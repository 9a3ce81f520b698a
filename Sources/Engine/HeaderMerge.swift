import Scenario

/// Merges flow-wide headers with a step's own (case-insensitive names; the step wins).
enum HeaderMerge {
    static func merge(_ flow: [Header], _ step: [Header]) -> [Header] {
        let overridden = Set(step.map { $0.name.lowercased() })
        return flow.filter { !overridden.contains($0.name.lowercased()) } + step
    }
}
