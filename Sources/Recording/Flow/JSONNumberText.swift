/// The number literals of a JSON text, in document order, exactly as written.
///
/// `JSONValue` keeps numbers as `Double`, which loses the last digits of a 19-digit ID; the importer pairs
/// these texts with the parsed numbers (same order) to send such a number with its recorded digits.
enum JSONNumberText {
    static func all(in text: String) -> [String] {
        var out: [String] = []
        var current = ""
        var inString = false
        var escaped = false
        for c in text.unicodeScalars {
            if inString {
                if escaped {
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == "\"" {
                    inString = false
                }
                continue
            }
            if c == "-" || c == "+" || c == "." || c == "e" || c == "E" || ("0"..."9").contains(c) {
                current.unicodeScalars.append(c)
                continue
            }
            if !current.isEmpty {
                out.append(current)
                current = ""
            }
            if c == "\"" { inString = true }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}
