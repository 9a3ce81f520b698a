import Foundation
import Scenario

/// Scalars written so that YAML reads them back as the same strings: plain when that is unambiguous, else
/// double-quoted with escapes. Conservative on purpose — a quoted scalar is never wrong.
enum YAMLText {
    private static let specialWords: Set<String> = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "none",
    ]

    /// A string scalar (a value or a key).
    static func scalar(_ text: String) -> String {
        isPlainSafe(text) ? text : doubleQuoted(text)
    }

    /// A regex: single-quoted (only `'` needs doubling, so backslashes stay readable).
    static func singleQuoted(_ text: String) -> String {
        guard text.unicodeScalars.allSatisfy({ !isBreakOrControl($0) }) else { return doubleQuoted(text) }
        return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where isBreakOrControl(scalar):
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out +=
                    scalar.value <= 0xFF
                    ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                    : "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A JSON number as YAML reads it back as a number (a float always has a `.`).
    static func number(_ value: JSONValue) -> String {
        let text = value.serialized()
        guard text.contains("e") || text.contains("E"), !text.contains(".") else { return text }
        let parts = text.split(whereSeparator: { $0 == "e" || $0 == "E" })
        return parts.count == 2 ? "\(parts[0]).0e\(parts[1].hasPrefix("-") ? "" : "+")\(parts[1])" : text
    }

    /// `850ms`, `1.25s`, `5s`.
    static func duration(_ d: Duration) -> String {
        let ms = d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000
        if ms < 1000 { return "\(ms)ms" }
        var text = String(format3: Double(ms) / 1000)
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text + "s"
    }

    private static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !specialWords.contains(text.lowercased()) else { return false }
        guard ("a"..."z").contains(first) || ("A"..."Z").contains(first) || first == "_" || first == "/" || first == "$"
        else { return false }
        return text.unicodeScalars.allSatisfy { s in
            ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s)
                || "_./-$@+~%".unicodeScalars.contains(s)
        }
    }

    private static func isBreakOrControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029
            || s.value == 0xFEFF
    }
}

extension String {
    /// `x` with exactly three decimals (no Foundation formatting on Linux needed).
    init(format3 x: Double) {
        let thousandths = Int64((x * 1000).rounded())
        let whole = thousandths / 1000
        let fraction = thousandths % 1000
        let digits = String(fraction)
        self = "\(whole)." + String(repeating: "0", count: 3 - digits.count) + digits
    }
}
