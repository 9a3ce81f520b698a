/// Which values are distinctive enough to correlate, so that `limit=50` or `status=open` never becomes a
/// capture just because an earlier response happened to contain the same text.
enum ValueRules {
    private static let common: Set<String> = ["true", "false", "null", "none", "undefined", "nan", "yes", "no"]

    /// A value worth tracking from a response to a later request: at least 4 characters, and an ID or a token
    /// rather than a word, a date or a sentence.
    static func isCandidate(_ value: String) -> Bool {
        let count = value.utf8.count
        guard count >= 4, count <= 8_192, !common.contains(value.lowercased()) else { return false }
        var letters = 0
        var digits = 0
        var spaces = 0
        for b in value.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case 0x20, 0x09, 0x0A, 0x0D: spaces += 1
            default: break
            }
        }
        if spaces > 0 { return false }
        // A plain word ("active", "dashboard") is vocabulary, not data the server minted.
        if digits == 0, letters == count, count < 16 { return false }
        if looksLikeDate(value) { return false }
        // Small numbers (pages, limits, years) turn up everywhere.
        if digits == count, count < 4 { return false }
        return true
    }

    /// `2024-03-01…`: dates and timestamps repeat across unrelated requests.
    private static func looksLikeDate(_ value: String) -> Bool {
        let b = Array(value.utf8.prefix(10))
        guard b.count == 10 else { return false }
        let digitPositions = [0, 1, 2, 3, 5, 6, 8, 9]
        return digitPositions.allSatisfy { (0x30...0x39).contains(b[$0]) } && b[4] == b[7]
            && (b[4] == UInt8(ascii: "-") || b[4] == UInt8(ascii: "/"))
    }

    /// Splits `Bearer abc…` into the scheme with its space and the credential.
    static func authScheme(_ value: String) -> (prefix: String, credential: String)? {
        guard let space = value.firstIndex(of: " ") else { return nil }
        let scheme = value[..<space]
        guard (2...12).contains(scheme.count), scheme.allSatisfy({ $0.isLetter || $0 == "-" }) else { return nil }
        let credential = value[value.index(after: space)...].trimmingPrefix(" ")
        guard !credential.isEmpty, !credential.contains(" ") else { return nil }
        return (String(value[..<credential.startIndex]), String(credential))
    }

    /// The parts of a structured value between separators (`eq.<id>` → `eq`, `<id>`); empty when the value
    /// has no separator (the whole value is looked up on its own).
    static func pieces(_ value: String) -> [String] {
        let parts = value.split { c in !(c.isASCII && (c.isLetter || c.isNumber || "-_~+/".contains(c))) }
        guard parts.count > 1 else { return [] }
        return parts.map(String.init).filter(isCandidate)
    }

    /// The pieces of free text that could be IDs or tokens (for raw bodies and HTML pages).
    static func tokens(_ text: String) -> [Substring] {
        text.split { c in !(c.isASCII && (c.isLetter || c.isNumber || "-_.~+/=".contains(c))) }
            .filter { $0.utf8.count >= 8 && $0.contains(where: \.isNumber) }
    }
}
