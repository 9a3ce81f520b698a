/// Parses the ISO 8601 timestamps HAR writers use for `startedDateTime` into seconds since 1970.
///
/// Accepts `2024-03-01T10:15:30Z`, any number of fraction digits (Chrome writes 3, mitmproxy 6), and the
/// zone as `Z`, `+01:00` or `+0100`. A hand-written parser: it is called once per entry of a file that can
/// hold a hundred thousand entries, and `ISO8601DateFormatter` rejects six fraction digits on some platforms.
enum HARTimestamp {
    static func parse(_ text: String) -> Double? {
        let b = Array(text.utf8)
        guard b.count >= 19, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "), b[13] == UInt8(ascii: ":"),
            b[16] == UInt8(ascii: ":"),
            let year = number(b, 0, 4), let month = number(b, 5, 2), let day = number(b, 8, 2),
            let hour = number(b, 11, 2), let minute = number(b, 14, 2), let second = number(b, 17, 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < b.count, b[index] == UInt8(ascii: ".") || b[index] == UInt8(ascii: ",") {
            index += 1
            var scale = 0.1
            while index < b.count, let digit = digit(b[index]) {
                fraction += Double(digit) * scale
                scale /= 10
                index += 1
            }
        }
        guard let offset = zoneOffset(b, from: index) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Double(days * 86_400 + hour * 3_600 + minute * 60 + second) + fraction
        return seconds - Double(offset)
    }

    /// The zone's offset east of UTC in seconds; no zone at all reads as UTC.
    private static func zoneOffset(_ b: [UInt8], from index: Int) -> Int? {
        guard index < b.count else { return 0 }
        if b[index] == UInt8(ascii: "Z") || b[index] == UInt8(ascii: "z") { return index + 1 == b.count ? 0 : nil }
        guard b[index] == UInt8(ascii: "+") || b[index] == UInt8(ascii: "-") else { return nil }
        let sign = b[index] == UInt8(ascii: "-") ? -1 : 1
        let rest = Array(b[(index + 1)...].filter { $0 != UInt8(ascii: ":") })
        guard rest.count == 4 || rest.count == 2, let hours = number(rest, 0, 2) else { return nil }
        let minutes = rest.count == 4 ? number(rest, 2, 2) : 0
        guard let minutes else { return nil }
        return sign * (hours * 3_600 + minutes * 60)
    }

    private static func digit(_ byte: UInt8) -> Int? {
        (0x30...0x39).contains(byte) ? Int(byte - 0x30) : nil
    }

    private static func number(_ b: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for i in start..<(start + count) {
            guard let d = digit(b[i]) else { return nil }
            value = value * 10 + d
        }
        return value
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
