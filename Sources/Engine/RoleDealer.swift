/// Deals virtual users out to roles by weight, spreading each role evenly over time (smooth weighted
/// round robin), so a ramp-up brings in every role from the start.
enum RoleDealer {
    static func deal(vus: Int, weights: [Int]) -> [Int] {
        guard !weights.isEmpty else { return [] }
        let total = weights.reduce(0) { $0 + max($1, 0) }
        var credit = Array(repeating: 0, count: weights.count)
        return (0..<vus).map { _ in
            for i in weights.indices { credit[i] += max(weights[i], 0) }
            let pick = credit.indices.max { credit[$0] < credit[$1] }!
            credit[pick] -= total
            return pick
        }
    }
}
