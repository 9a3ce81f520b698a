/// The limit of a threshold, read in the unit its metric needs (``ThresholdMetric/Kind``):
/// `800ms`/`2s` for latency, `1%`/`0.01` for rates, `10/s`/`10` for `rate`, `0`/`100` for counts.
enum ThresholdValue {
    static func parse(_ text: String, for metric: ThresholdMetric) throws(ParseFailure) -> Double {
        if text.hasPrefix("-") {
            throw ParseFailure("\(metric.rawValue) cannot be compared with a negative \"\(text)\"")
        }
        switch metric.kind {
        case .latency: return try latency(text, metric)
        case .fraction: return try fraction(text, metric)
        case .perSecond: return try perSecond(text, metric)
        case .count: return try count(text, metric)
        }
    }

    /// Milliseconds from a duration with a unit.
    private static func latency(_ text: String, _ metric: ThresholdMetric) throws(ParseFailure) -> Double {
        if number(text) != nil {
            throw ParseFailure(
                "\(metric.rawValue) is a latency: \"\(text)\" needs a unit",
                hint: "add a unit, e.g. \(text)ms or \(text)s")
        }
        if text.hasSuffix("%") || text.hasSuffix("/s") {
            throw ParseFailure(
                "\(metric.rawValue) is a latency, not \"\(text)\"", hint: "expected a duration, e.g. 800ms")
        }
        do {
            return try DurationText.parseOrExplain(text).inMilliseconds
        } catch {
            throw ParseFailure(error.message, hint: error.hint)
        }
    }

    /// A fraction from `1%`, `0.5%` or `0.01`.
    private static func fraction(_ text: String, _ metric: ThresholdMetric) throws(ParseFailure) -> Double {
        let example = "expected a percentage, e.g. 1% (or a fraction such as 0.01)"
        if text.hasSuffix("%"), let n = number(String(text.dropLast())) {
            guard n <= 100 else { throw ParseFailure("\(metric.rawValue) cannot be over 100%, found \"\(text)\"") }
            return n / 100
        }
        if let n = number(text) {
            guard n <= 1 else {
                throw ParseFailure(
                    "\(metric.rawValue) is a share between 0 and 1, found \"\(text)\"",
                    hint: "write \(text)% for a percentage")
            }
            return n
        }
        throw ParseFailure("\(metric.rawValue) is a share of requests, not \"\(text)\"", hint: example)
    }

    /// Requests per second from `10/s` or `10`.
    private static func perSecond(_ text: String, _ metric: ThresholdMetric) throws(ParseFailure) -> Double {
        if text.hasSuffix("/s"), let n = number(String(text.dropLast(2))) { return n }
        if let n = number(text) { return n }
        throw ParseFailure(
            "\(metric.rawValue) is requests per second, not \"\(text)\"", hint: "expected a rate, e.g. 10/s")
    }

    /// A whole, non-negative number.
    private static func count(_ text: String, _ metric: ThresholdMetric) throws(ParseFailure) -> Double {
        guard let n = number(text) else {
            throw ParseFailure(
                "\(metric.rawValue) is a count, not \"\(text)\"",
                hint: metric == .failed || metric == .timeouts
                    ? "expected a whole number, e.g. 0 (for a share use \(metric == .failed ? "error_rate" : "timeout_rate"))"
                    : "expected a whole number, e.g. 0")
        }
        guard n == n.rounded() else {
            throw ParseFailure("\(metric.rawValue) is a count: expected a whole number, found \"\(text)\"")
        }
        return n
    }

    /// Digits with at most one inner point (`12`, `0.5`); nothing else — no signs, exponents or `inf`.
    static func number(_ text: String) -> Double? {
        let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !text.isEmpty, pieces.count <= 2,
            pieces.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else { return nil }
        return Double(text)
    }
}
