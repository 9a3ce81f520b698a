import Foundation
import Scenario

/// Builds a regex capture for a value found in an HTML or text body, and proves it reads the value back.
enum TextCapture {
    /// A pattern whose first group is `value` in `body`: the text just before the value (back to the tag or
    /// line it sits in), then the value's character class. `nil` when no such pattern reads the value back.
    static func pattern(for value: String, in body: String) -> String? {
        guard let range = body.range(of: value) else { return nil }
        let valueClass = characterClass(of: value)
        let before = body[..<range.lowerBound]
        for length in [16, 32, 64] {
            var context = before.suffix(length)
            if let newline = context.lastIndex(of: "\n") { context = context[context.index(after: newline)...] }
            if let tag = context.lastIndex(of: "<") { context = context[tag...] }
            while let first = context.first, first.isNumber { context = context.dropFirst() }
            guard context.count >= 3 else { continue }
            let pattern = NSRegularExpression.escapedPattern(for: String(context)) + "(" + valueClass + ")"
            if Capture(name: "probe", source: .regex(pattern)).extract(body: Array(body.utf8), headers: []) == value {
                return pattern
            }
        }
        return nil
    }

    private static func characterClass(of value: String) -> String {
        if value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) { return "[A-Za-z0-9]+" }
        if value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) {
            return "[A-Za-z0-9_-]+"
        }
        return "[A-Za-z0-9_.~+/=-]+"
    }
}
