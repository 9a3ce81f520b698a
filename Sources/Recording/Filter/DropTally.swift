/// Counts of dropped entries by reason, in the order reasons were first met.
public struct DropTally: Sendable, Equatable {
    public private(set) var counts: [DropReason: Int] = [:]
    private var order: [DropReason] = []

    public init() {}

    mutating func add(_ reason: DropReason) {
        if counts[reason] == nil { order.append(reason) }
        counts[reason, default: 0] += 1
    }

    /// How many entries were dropped.
    public var total: Int { counts.values.reduce(0, +) }

    /// One line per category, largest first: the count and the details (`image 9, font 2`).
    public var categories: [(category: String, count: Int, details: [(String, Int)])] {
        var byCategory: [String: (count: Int, details: [String: Int], first: Int)] = [:]
        for (position, reason) in order.enumerated() {
            let n = counts[reason] ?? 0
            var entry = byCategory[reason.category] ?? (0, [:], position)
            entry.count += n
            if let detail = reason.detail { entry.details[detail, default: 0] += n }
            byCategory[reason.category] = entry
        }
        return byCategory.sorted { ($1.value.count, $0.value.first) < ($0.value.count, $1.value.first) }.map {
            let details = $0.value.details.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ($0.key, $0.value) }
            return ($0.key, $0.value.count, details)
        }
    }

    public static func == (lhs: DropTally, rhs: DropTally) -> Bool { lhs.counts == rhs.counts }
}
