/// "Did you mean" suggestions for misspelled keys, variables, field names and commands.
public enum Suggestions {
    /// The closest candidate: edit distance ≤ 2 (≤ 1 for three-letter words, case-insensitive), else a candidate that starts with the
    /// word (or that the word starts with). `nil` when nothing is close.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let lowered = word.lowercased()
        let limit = min(2, max(0, lowered.count - 2))
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let distance = editDistance(lowered, candidate.lowercased())
            if distance <= limit, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        if let best { return best.name }
        guard lowered.count >= 2 else { return nil }
        return candidates.first { candidate in
            let c = candidate.lowercased()
            return c != lowered && (c.hasPrefix(lowered) || (lowered.hasPrefix(c) && c.count >= 3))
        }
    }

    /// Levenshtein distance over Unicode scalars.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars)
        let y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// `"did you mean X?"` text, or `nil`.
    public static func didYouMean(
        _ word: String, in candidates: some Sequence<String>, format: (String) -> String = { $0 }
    )
        -> String?
    {
        closest(to: word, in: candidates).map { "did you mean \(format($0))?" }
    }
}
