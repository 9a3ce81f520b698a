/// One process's share of a run spread over several (`--segment 2/8`: the second of eight): k6's execution
/// segments with equal parts. Every process knows the whole sequence, so the shares are dealt deterministically,
/// are disjoint, and add up to exactly the unsegmented run — no coordinator.
///
/// Dealing is by stripes: item `k` of a numbered list (a virtual user by its run-wide index) belongs to segment
/// `k mod count + 1`. So 10 VUs over 3 segments are 4, 3, 3, and a ramp that runs its first `m` users runs the same
/// users, wherever they are.
public struct Segment: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    /// 1-based: 1 … `count`.
    public let index: Int
    public let count: Int

    /// The whole run (1/1).
    public static let whole = Segment(valid: 1, of: 1)

    private init(valid index: Int, of count: Int) {
        self.index = index
        self.count = count
    }

    /// Segment `index` (1-based) of `count`.
    /// - Throws: a `ParseFailure` when `count` is below 1 or `index` is not within 1 … `count`.
    public init(index: Int, count: Int) throws(ParseFailure) {
        guard count >= 1 else {
            throw ParseFailure(
                "a run cannot be split into \(count) segments", hint: "use 1 or more, e.g. --segment 1/4")
        }
        guard (1...count).contains(index) else {
            throw ParseFailure(
                "segment \(index)/\(count) does not exist: segments of \(count) are 1/\(count) … \(count)/\(count)",
                hint: index == 0 ? "segments count from 1 (a Kubernetes index 0 is --segment 1/\(count))" : nil)
        }
        self.init(valid: index, of: count)
    }

    /// Parses `I/N`, e.g. `2/8`.
    public static func parse(_ text: String) throws(ParseFailure) -> Segment {
        let parts = text[...].trimmingSpaces().split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw ParseFailure("invalid segment '\(text)'", hint: "write INDEX/COUNT, e.g. 2/8 for the second of eight")
        }
        return try Segment(index: index, count: count)
    }

    /// The segment of a Kubernetes Indexed Job's pod: `JOB_COMPLETION_INDEX` (0-based) of `count` completions.
    public static func jobCompletion(index text: String, count: Int) throws(ParseFailure) -> Segment {
        guard let index = Int(text[...].trimmingSpaces()) else {
            throw ParseFailure(
                "JOB_COMPLETION_INDEX '\(text)' is not a number", hint: "Kubernetes sets it to 0 … completions-1")
        }
        return try Segment(index: index + 1, count: count)
    }

    public var isWhole: Bool { count == 1 }

    /// Every segment of the same split, in order: 1/n … n/n.
    public var sequence: [Segment] { (1...count).map { Segment(valid: $0, of: count) } }

    /// Whether item `k` (0-based, of any numbered list the segments share) is this segment's.
    public func owns(_ k: Int) -> Bool { k % count == index - 1 }

    /// Where item `k` falls among this segment's own items (0-based); meaningful when `owns(k)`.
    public func position(of k: Int) -> Int { k / count }

    /// How many of the items `range` this segment owns.
    public func share(of range: Range<Int>) -> Int {
        // Owned items are ≡ index-1 (mod count): count those below each bound.
        func below(_ n: Int) -> Int { n <= index - 1 ? 0 : (n - index) / count + 1 }
        return below(range.upperBound) - below(range.lowerBound)
    }

    /// This segment's part of `total` whole units dealt in proportion to `weights` (one per segment, in order): the
    /// parts of all segments add up to exactly `total`. Used for shared iterations, dealt by each segment's VUs.
    public func part(of total: Int, weights: [Int]) -> Int {
        let sum = weights.reduce(0, +)
        guard sum > 0, weights.count == count else { return index == 1 ? total : 0 }
        let before = weights.prefix(index - 1).reduce(0, +)
        let through = before + weights[index - 1]
        // Cumulative rounding up: the parts telescope to `total`, each within one of its exact share, earlier
        // segments taking the odd ones (as they take the odd VUs).
        func upTo(_ w: Int) -> Int { (total * w + sum - 1) / sum }
        return upTo(through) - upTo(before)
    }

    /// `2/8`.
    public var description: String { "\(index)/\(count)" }
}
