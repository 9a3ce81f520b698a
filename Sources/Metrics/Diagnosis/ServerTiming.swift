/// One metric of a W3C `Server-Timing` header: `db;dur=53.2;desc="…"`. Only the name and the duration matter here;
/// a description may quote anything (and is never kept: it could carry data).
public struct ServerTimingMetric: Sendable, Equatable, Codable {
    public var name: String
    /// Milliseconds, when the server gave a `dur`.
    public var milliseconds: Double?

    public init(name: String, milliseconds: Double?) {
        self.name = name
        self.milliseconds = milliseconds
    }

    /// Parses every header value (several headers, each a comma-separated list). Malformed entries are skipped, as
    /// a browser does; parameters other than `dur` are ignored; quoted strings may hold commas and semicolons.
    public static func parse(_ values: [String]) -> [ServerTimingMetric] {
        var metrics: [ServerTimingMetric] = []
        for value in values {
            for entry in split(value, on: ",") {
                let parts = split(entry, on: ";")
                guard let rawName = parts.first else { continue }
                let name = rawName.trimmingSpaces()
                guard !name.isEmpty, name.allSatisfy(isTokenCharacter) else { continue }
                var duration: Double?
                for parameter in parts.dropFirst() {
                    let pair = parameter.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces() }
                    guard pair.count == 2, pair[0].lowercased() == "dur", duration == nil else { continue }
                    let number = pair[1].hasPrefix("\"") ? String(pair[1].dropFirst().dropLast()) : pair[1]
                    if let d = Double(number), d.isFinite, d >= 0 { duration = d }
                }
                metrics.append(ServerTimingMetric(name: name, milliseconds: duration))
            }
        }
        return metrics
    }

    /// Splits on `separator` outside double quotes (a backslash escapes inside them).
    static func split(_ text: String, on separator: Character) -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for c in text {
            if escaped {
                escaped = false
            } else if quoted && c == "\\" {
                escaped = true
            } else if c == "\"" {
                quoted.toggle()
            } else if c == separator && !quoted {
                parts.append(current)
                current = ""
                continue
            }
            current.append(c)
        }
        parts.append(current)
        return parts
    }

    /// RFC 9110 token characters.
    static func isTokenCharacter(_ c: Character) -> Bool {
        guard c.isASCII, let v = c.asciiValue, v > 0x20, v < 0x7F else { return false }
        return !"\"(),/:;<=>?@[\\]{}".contains(c)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }
}
