extension JSONValue {
    /// Compact JSON text (no spaces), object keys in their stored order.
    public func serialized() -> String {
        var out = ""
        write(to: &out)
        return out
    }

    /// The value as captures store it: a string unquoted, an integral number without `.0`, `true`/`false`,
    /// `null`, and arrays/objects as compact JSON.
    public var textValue: String {
        switch self {
        case .string(let s): s
        case .number(let n): Self.numberText(n)
        default: serialized()
        }
    }

    /// Appends compact JSON to `out`.
    func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += Self.numberText(n)
        case .string(let s): Self.writeQuoted(s, to: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out += "," }
                Self.writeQuoted(key, to: &out)
                out += ":"
                value.write(to: &out)
            }
            out += "}"
        }
    }

    /// A number as JSON: integral values without a fraction (`3`, not `3.0`); non-finite values as `null`.
    static func numberText(_ n: Double) -> String {
        guard n.isFinite else { return "null" }
        if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
        return String(n)
    }

    /// `s` as a quoted JSON string.
    static func writeQuoted(_ s: String, to out: inout String) {
        out += "\""
        writeEscaped(s, to: &out)
        out += "\""
    }

    /// `s` with JSON string escapes applied (no surrounding quotes).
    static func writeEscaped(_ s: String, to out: inout String) {
        guard s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            out += s
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case ..<"\u{20}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
    }

    /// Equality that ignores the order of object keys (what a JSON check compares).
    public func isEquivalent(to other: JSONValue) -> Bool {
        switch (self, other) {
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isEquivalent(to: $1) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            return a.allSatisfy { key, value in
                b.contains { $0.0 == key && $0.1.isEquivalent(to: value) }
            }
        default:
            return self == other
        }
    }
}
