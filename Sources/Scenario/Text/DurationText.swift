/// Durations as written in profiles and flows: a non-negative number with a unit —
/// `500us`, `250ms`, `1.5s`, `2m`, `1h`. A bare number is an error (the unit is never guessed).
public enum DurationText {
    /// The duration `text` denotes, or `nil` when it is not a valid duration.
    public static func parse(_ text: String) -> Duration? {
        try? parseOrExplain(text)
    }

    /// The duration `text` denotes; throws a failure with a hint explaining what is wrong.
    public static func parseOrExplain(_ text: String) throws(ParseFailure) -> Duration {
        let bytes = Array(text.utf8)
        if bytes.first == UInt8(ascii: "-") {
            throw ParseFailure("bad duration \"\(text)\" — durations cannot be negative")
        }
        var index = 0
        while index < bytes.count, isNumberByte(bytes[index]) { index += 1 }
        let number = String(decoding: bytes[0..<index], as: UTF8.self)
        let unit = String(decoding: bytes[index...], as: UTF8.self)
        guard !number.isEmpty, let (whole, fraction) = splitNumber(number) else {
            throw ParseFailure(
                "bad duration \"\(text)\" — expected a number with a unit", hint: "write e.g. 250ms, 1.5s, 2m or 1h")
        }
        if unit.isEmpty {
            let example = (Double(number) ?? 0) >= 100 ? "\(number)ms" : "\(number)s"
            throw ParseFailure(
                "bad duration \"\(text)\" — expected a number with a unit", hint: "add a unit, e.g. \(example)")
        }
        guard let unitNanos = nanosPerUnit[unit] else {
            throw ParseFailure(
                "bad duration \"\(text)\" — unknown unit \"\(unit)\"", hint: "units are us, ms, s, m and h")
        }
        guard let nanos = nanoseconds(whole: whole, fraction: fraction, unit: unitNanos) else {
            throw ParseFailure("bad duration \"\(text)\" — too long")
        }
        return .nanoseconds(nanos)
    }

    private static let nanosPerUnit: [String: Int64] = [
        "us": 1_000, "ms": 1_000_000, "s": 1_000_000_000, "m": 60_000_000_000, "h": 3_600_000_000_000,
    ]

    private static func isNumberByte(_ b: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || b == UInt8(ascii: ".")
    }

    /// Splits `12.345` into `("12", "345")`; `nil` unless it is digits with at most one inner point.
    private static func splitNumber(_ number: String) -> (Substring, Substring)? {
        let pieces = number.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count <= 2, !pieces[0].isEmpty else { return nil }
        if pieces.count == 2, pieces[1].isEmpty { return nil }
        return (pieces[0], pieces.count == 2 ? pieces[1] : "")
    }

    /// Exact integer arithmetic: `whole.fraction × unit` in nanoseconds, `nil` on overflow.
    private static func nanoseconds(whole: Substring, fraction: Substring, unit: Int64) -> Int64? {
        guard let w = Int64(whole) else { return nil }
        let (wholeNanos, overflow) = w.multipliedReportingOverflow(by: unit)
        guard !overflow else { return nil }
        var fractionNanos: Int64 = 0
        var scale = unit
        for digit in fraction.utf8.prefix(18) {
            scale /= 10
            fractionNanos += Int64(digit - UInt8(ascii: "0")) * scale
        }
        let (total, overflow2) = wholeNanos.addingReportingOverflow(fractionNanos)
        return overflow2 ? nil : total
    }
}

extension Duration {
    /// A short form for messages and summaries that `DurationText` parses back: `250ms`, `1.5s`, `2m`, `1h`,
    /// `90s`, `500us`. Rounded to at most two decimals.
    public var shortText: String {
        let (seconds, attoseconds) = components
        let nanos = Double(seconds) * 1e9 + Double(attoseconds) / 1e9
        if nanos == 0 { return "0s" }
        let sign = nanos < 0 ? "-" : ""
        let n = abs(nanos)
        let minute = 60e9
        let hour = 3600e9
        switch n {
        case ..<1e6: return sign + Self.decimal(n / 1e3) + "us"
        case ..<1e9: return sign + Self.decimal(n / 1e6) + "ms"
        case ..<minute: return sign + Self.decimal(n / 1e9) + "s"
        default:
            if n.truncatingRemainder(dividingBy: hour) == 0 { return sign + Self.decimal(n / hour) + "h" }
            if n.truncatingRemainder(dividingBy: minute) == 0 { return sign + Self.decimal(n / minute) + "m" }
            return sign + Self.decimal(n / 1e9) + "s"
        }
    }

    /// `value` with at most two decimals, trailing zeros removed: `1.5`, `2`, `12.25`.
    static func decimal(_ value: Double) -> String {
        let hundredths = Int64((value * 100).rounded())
        let whole = hundredths / 100
        let rest = hundredths % 100
        if rest == 0 { return "\(whole)" }
        if rest % 10 == 0 { return "\(whole).\(rest / 10)" }
        return rest < 10 ? "\(whole).0\(rest)" : "\(whole).\(rest)"
    }
}
