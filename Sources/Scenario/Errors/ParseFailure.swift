/// Why a piece of text (a duration, a template, a JSON path) could not be parsed.
///
/// The loaders turn it into a located ``ScenarioError``; on its own it has no file or line.
public struct ParseFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, e.g. `unterminated "{{"`.
    public var message: String
    /// How to fix it, when there is a useful suggestion.
    public var hint: String?

    /// A failure with a message and an optional hint.
    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    /// The message, followed by the hint in parentheses.
    public var description: String { hint.map { "\(message) (hint: \($0))" } ?? message }
}
