/// Percent-encoding for query strings and form bodies: everything but `A–Z a–z 0–9 - . _ ~` is escaped.
enum PercentEncoding {
    private static let hex = Array("0123456789ABCDEF".utf8)

    /// `text` escaped; with `formSpaces` a space becomes `+` (HTML form encoding) instead of `%20`.
    static func encode(_ text: String, formSpaces: Bool = false, into out: inout [UInt8]) {
        for byte in text.utf8 {
            if isUnreserved(byte) {
                out.append(byte)
            } else if formSpaces, byte == 0x20 {
                out.append(UInt8(ascii: "+"))
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
    }

    private static func isUnreserved(_ b: UInt8) -> Bool {
        switch b {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default: false
        }
    }

    /// `name=value&name=value` with values rendered through `lookup`.
    static func pairs(_ items: [QueryItem], formSpaces: Bool, lookup: (Variable) -> String?) -> [UInt8] {
        var out: [UInt8] = []
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(UInt8(ascii: "&")) }
            encode(item.name, formSpaces: formSpaces, into: &out)
            out.append(UInt8(ascii: "="))
            encode(item.value.render(lookup), formSpaces: formSpaces, into: &out)
        }
        return out
    }
}

extension Array where Element == QueryItem {
    /// The query string without the leading `?`: `limit=50&q=a%20b` (names and rendered values
    /// percent-encoded). Empty when there are no items.
    public func encoded(_ lookup: (Variable) -> String?) -> String {
        String(decoding: PercentEncoding.pairs(self, formSpaces: false, lookup: lookup), as: UTF8.self)
    }
}
