/// The shape of the flow: which requests form one step (alone or as a parallel group), and the pause before
/// each step, from the recorded timings.
struct StepLayout {
    /// One step: positions of its requests in recorded order.
    struct Step {
        var positions: [Int]
        var pageref: String?
        var start: Double?
        var end: Double?
        /// The pause before this step, already scaled and capped; `nil` for none.
        var thinkBefore: Duration?
    }

    private(set) var steps: [Step] = []

    /// Whether the request at `position` (starting at `start`, on `pageref`) overlaps the step being built:
    /// it started before every request of that step had finished, on the same page.
    func overlapsCurrent(start: Double?, pageref: String?) -> Bool {
        guard let current = steps.last, let start, let end = current.end else { return false }
        return start < end && pageref == current.pageref
    }

    /// Adds the request to the current step.
    mutating func join(_ position: Int, end: Double?) {
        steps[steps.count - 1].positions.append(position)
        if let end { steps[steps.count - 1].end = max(steps[steps.count - 1].end ?? end, end) }
    }

    /// Starts a new step with the request.
    mutating func begin(_ position: Int, start: Double?, end: Double?, pageref: String?) {
        steps.append(Step(positions: [position], pageref: pageref, start: start, end: end))
    }

    /// Sets each step's think time from the gap since the previous step ended.
    mutating func assignThinkTimes(scale: Double, max limit: Duration, min floor: Duration) {
        guard scale > 0 else { return }
        for i in steps.indices.dropFirst() {
            guard let end = steps[i - 1].end, let start = steps[i].start else { continue }
            let gap = (start - end) * scale
            guard gap > 0 else { continue }
            let think = min(Duration.milliseconds(Int64((gap * 1000).rounded())), limit)
            if think >= floor { steps[i].thinkBefore = think }
        }
    }
}
