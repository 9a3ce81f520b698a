/// Bandwidth as written in network conditions: a positive number with a bit-rate unit — `500kbit`, `1.6mbit`,
/// `1gbit` (per second implied; `kbps`, `mbps`, `gbps` and a trailing `/s` are accepted, case is ignored), or
/// `unlimited`. Units are decimal (1 kbit = 1000 bit). A bare number is an error: the unit is never guessed.
public enum RateText {
    /// Bits per second for each unit spelling.
    private static let bitsPerUnit: [String: Int64] = [
        "kbit": 1_000, "kbps": 1_000, "mbit": 1_000_000, "mbps": 1_000_000, "gbit": 1_000_000_000,
        "gbps": 1_000_000_000,
    ]

    /// Byte units people write by mistake; the hint converts.
    private static let byteUnits: Set<String> = ["b", "kb", "mb", "gb", "kib", "mib", "gib", "kbyte", "mbyte", "gbyte"]

    /// Bits per second, or `nil` for `unlimited`; throws a failure with a hint explaining what is wrong.
    public static func parseOrExplain(_ text: String) throws(ParseFailure) -> Int? {
        let trimmed = String(Substring(text).trimmingSpaces())
        if trimmed.lowercased() == "unlimited" { return nil }
        if trimmed.hasPrefix("-") { throw ParseFailure("bad rate \"\(text)\" — rates cannot be negative") }
        let number = String(trimmed.prefix { $0.isASCII && ($0.isNumber || $0 == ".") })
        var unit = String(trimmed.dropFirst(number.count).trimmingSpaces())
        guard let value = Double(number), !number.hasSuffix("."), !number.hasPrefix(".") else {
            throw ParseFailure(
                "bad rate \"\(text)\" — expected a number with a unit",
                hint: "write e.g. 1600kbit, 10mbit or unlimited")
        }
        guard !unit.isEmpty else {
            throw ParseFailure(
                "bad rate \"\(text)\" — expected a number with a unit", hint: "add a unit, e.g. \(number)kbit")
        }
        let written = unit
        unit = unit.lowercased()
        if unit.hasSuffix("/s") { unit.removeLast(2) }
        guard let perUnit = bitsPerUnit[unit] else {
            let isBytes = byteUnits.contains(unit) || written.hasSuffix("B") || written.hasSuffix("B/s")
            throw ParseFailure(
                "bad rate \"\(text)\" — unknown unit \"\(written)\"",
                hint: isBytes
                    ? "rates are in bits per second: kbit, mbit or gbit (1 MB/s = 8mbit)"
                    : "units are kbit, mbit and gbit (per second), e.g. 1600kbit")
        }
        let bits = value * Double(perUnit)
        guard bits < 1e15 else { throw ParseFailure("bad rate \"\(text)\" — too large") }
        guard bits.rounded() >= 1 else {
            throw ParseFailure("bad rate \"\(text)\" — must be more than 0", hint: "write unlimited for no limit")
        }
        return Int(bits.rounded())
    }
}
