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

    /// Parses `EXPRESSION [for DURATION]`: only a last word after ` for `, outside quotes, is the duration, so a
    /// quoted name such as `step:"wait for report"` stays part of the expression.
    public static func parse(_ text: String) throws(ParseFailure) -> AbortCondition {
        let trimmed = text.trimmingWhitespace
        var expression = trimmed
        var holdFor = Duration.zero
        if let split = trailingFor(trimmed) {
            do {
                holdFor = try DurationText.parseOrExplain(split.duration)
            } catch {
                throw ParseFailure(error.message, hint: "write e.g. error_rate > 20% for 10s")
            }
            expression = split.expression
        }
        var condition = try ThresholdParser.parse(expression)
        condition.text = expression.trimmingWhitespace
        return AbortCondition(text: trimmed, condition: condition, holdFor: holdFor)
    }

    /// `(expression, duration)` when `text` ends in ` for WORD` outside any quotes.
    private static func trailingFor(_ text: String) -> (expression: String, duration: String)? {
        guard let range = text.range(of: " for ", options: .backwards) else { return nil }
        let duration = String(text[range.upperBound...]).trimmingWhitespace
        let expression = String(text[..<range.lowerBound])
        guard !duration.isEmpty, !duration.contains(" "), !duration.contains("\""),
            expression.filter({ $0 == "\"" }).count % 2 == 0
        else { return nil }
        return (expression, duration)
    }
}
