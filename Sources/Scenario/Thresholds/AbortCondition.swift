import Foundation

/// A condition that stops a run early (`abort_when:`), e.g. `error_rate > 20% for 10s`: a threshold expression
/// (``ThresholdParser``) judged once a second on that second's requests, optionally followed by `for DURATION`:
/// the run stops when the condition has held on every check for that long (at once when there is no `for`).
/// A second without a matching request does not hold (a latency or rate over nothing is no evidence).
public struct AbortCondition: Sendable, Equatable, Codable {
    /// The condition as written (trimmed), for the stop reason.
    public var text: String
    public var condition: Threshold
    /// How long the condition must hold; zero = at the first check that holds.
    public var holdFor: Duration

    public init(text: String, condition: Threshold, holdFor: Duration) {
        self.text = text
        self.condition = condition
        self.holdFor = holdFor
    }

    /// Parses `EXPRESSION [for DURATION]`.
    public static func parse(_ text: String) throws(ParseFailure) -> AbortCondition {
        let trimmed = text.trimmingWhitespace
        var expression = trimmed
        var holdFor = Duration.zero
        if let range = trimmed.range(of: " for ", options: .backwards) {
            let durationText = String(trimmed[range.upperBound...]).trimmingWhitespace
            do {
                holdFor = try DurationText.parseOrExplain(durationText)
            } catch {
                throw ParseFailure(error.message, hint: "write e.g. error_rate > 20% for 10s")
            }
            expression = String(trimmed[..<range.lowerBound])
        }
        var condition = try ThresholdParser.parse(expression)
        condition.text = expression.trimmingWhitespace
        return AbortCondition(text: trimmed, condition: condition, holdFor: holdFor)
    }
}
