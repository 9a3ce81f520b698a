import Metrics

/// One line per step × role that failed: counts by class, then the most frequent messages.
enum FailureList {
    /// `width`: the terminal's; a long step name is shortened in the middle to keep its line within it.
    static func lines(_ s: RunSummary, width: Int? = nil) -> [String] {
        var out: [String] = []
        for r in s.steps where r.failed > 0 {
            let classes = r.errors.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(
                separator: ", ")
            let name = r.group.map { "\($0) › \(r.step)" } ?? r.step
            let rest = " [\(r.role)]: \(classes)"
            let room = width.map { max(TextTable.minimumTextWidth, $0 - 2 - rest.count) } ?? name.count
            out.append("  \(TextTable.shortened(name, to: room))\(rest)")
            for (message, n) in r.messages.sorted(by: { $0.value > $1.value }).prefix(3) {
                out.append("      \(n)× \(message)")
            }
        }
        if s.totals.requestsInterrupted > 0 {
            out.append(
                "  \(s.totals.requestsInterrupted) requests were cut off in flight when the run stopped (not measured)")
        }
        return out
    }
}
