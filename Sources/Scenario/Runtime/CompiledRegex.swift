import Foundation

/// A regular expression compiled once at load time and shared by every virtual user.
///
/// `@unchecked Sendable`: the box is immutable after `init`, and `NSRegularExpression` is documented as
/// immutable and safe to use from several threads at once; the compiler cannot see that on every platform.
final class CompiledRegex: @unchecked Sendable {
    let pattern: String
    let regex: NSRegularExpression

    init(pattern: String) throws {
        self.pattern = pattern
        self.regex = try NSRegularExpression(pattern: pattern)
    }

    /// The compiled regex of a `.regex` source; `nil` for other sources or an invalid pattern.
    static func make(for source: CaptureSource) -> CompiledRegex? {
        guard case .regex(let pattern) = source else { return nil }
        return try? CompiledRegex(pattern: pattern)
    }

    /// Checks a pattern at load time; the failure names the regex problem.
    static func validate(_ pattern: String) throws(ParseFailure) {
        do {
            _ = try NSRegularExpression(pattern: pattern)
        } catch {
            throw ParseFailure(
                "invalid regex '\(pattern)'", hint: "use ICU regex syntax; the first group ( ) is the captured value")
        }
    }

    /// The first group of the first match (or the whole match when there is no group).
    func firstMatch(in text: String) -> String? {
        let whole = NSRange(text.startIndex..., in: text)
        guard let match = regex.firstMatch(in: text, range: whole) else { return nil }
        let range = match.numberOfRanges > 1 ? match.range(at: 1) : match.range
        guard range.location != NSNotFound, let swiftRange = Range(range, in: text) else { return nil }
        return String(text[swiftRange])
    }
}
