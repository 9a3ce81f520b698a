import Scenario

/// Percent-encoding as the engine sends query strings and form bodies, and its inverse for recorded ones.
enum FormEncoding {
    /// `text` escaped exactly as the engine escapes a query or form value (everything but `A–Z a–z 0–9 - . _ ~`).
    static func encode(_ text: String) -> String {
        String([QueryItem(name: "", value: Template(literal: text))].encoded { _ in nil }.dropFirst())
    }

    /// `%41` → `A`; with `plusAsSpace`, `+` → space (form bodies). `nil` when an escape is malformed or the
    /// result is not UTF-8.
    static func decode(_ text: Substring, plusAsSpace: Bool) -> String? {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || ($0 == UInt8(ascii: "+") && plusAsSpace) })
        else { return String(text) }
        var out: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        while let b = bytes.popFirst() {
            if b == UInt8(ascii: "%") {
                guard bytes.count >= 2, let high = hexValue(bytes.popFirst()!), let low = hexValue(bytes.popFirst()!)
                else { return nil }
                out.append(high << 4 | low)
            } else if b == UInt8(ascii: "+"), plusAsSpace {
                out.append(0x20)
            } else {
                out.append(b)
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    /// `a=1&b=x%20y` → `[(a, 1), (b, x y)]`; `nil` when a pair has no `=` or does not decode.
    static func pairs(_ text: String, plusAsSpace: Bool) -> [(name: String, value: String)]? {
        guard !text.isEmpty else { return [] }
        var out: [(name: String, value: String)] = []
        for pair in text.split(separator: "&", omittingEmptySubsequences: false) {
            guard let equals = pair.firstIndex(of: "="),
                let name = decode(pair[..<equals], plusAsSpace: plusAsSpace),
                let value = decode(pair[pair.index(after: equals)...], plusAsSpace: plusAsSpace)
            else { return nil }
            out.append((name, value))
        }
        return out
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b - 0x30
        case 0x41...0x46: b - 0x41 + 10
        case 0x61...0x66: b - 0x61 + 10
        default: nil
        }
    }
}
