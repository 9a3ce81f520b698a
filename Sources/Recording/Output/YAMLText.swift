import Foundation
import Scenario

/// Scalar text whose YAML type is ours to choose: numbers that read back as numbers, durations the loader
/// reads. Quoting is not here: Yams does it (``YAMLTree``).
enum YAMLText {
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
