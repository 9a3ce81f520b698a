/// Cuts a threshold expression into ``ThresholdToken``s, left to right, one character class at a time.
enum ThresholdTokenizer {
    static let operatorCharacters: Set<Character> = ["<", ">", "=", "!"]
    static let quotes: Set<Character> = ["\"", "'"]
    static let punctuation: [Character: ThresholdToken.Kind] = ["(": .open, ")": .close, ",": .comma, ":": .colon]

    static func tokens(_ text: String) throws(ParseFailure) -> [ThresholdToken] {
        let chars = Array(text)
        var out: [ThresholdToken] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let start = i
            if c.isWhitespace {
                i += 1
            } else if let kind = punctuation[c] {
                out.append(ThresholdToken(kind: kind, offset: start))
                i += 1
            } else if quotes.contains(c) {
                i += 1
                while i < chars.count, chars[i] != c { i += 1 }
                guard i < chars.count else {
                    throw ParseFailure("unterminated quote \(c) in \"\(text)\"", hint: "close the value with \(c)")
                }
                out.append(ThresholdToken(kind: .quoted(String(chars[(start + 1)..<i])), offset: start))
                i += 1
            } else if operatorCharacters.contains(c) {
                while i < chars.count, operatorCharacters.contains(chars[i]) { i += 1 }
                let spelled = String(chars[start..<i])
                guard let op = ThresholdOperator(rawValue: spelled) else { throw badOperator(spelled) }
                out.append(ThresholdToken(kind: .op(op), offset: start))
            } else {
                while i < chars.count, isWordCharacter(chars[i]) { i += 1 }
                out.append(ThresholdToken(kind: .word(String(chars[start..<i])), offset: start))
            }
        }
        return out
    }

    static func isWordCharacter(_ c: Character) -> Bool {
        !c.isWhitespace && punctuation[c] == nil && !quotes.contains(c) && !operatorCharacters.contains(c)
    }

    static let operatorList = "<, <=, >, >=, == and !="

    private static func badOperator(_ spelled: String) -> ParseFailure {
        let hint =
            spelled == "=" ? "write == to compare" : spelled == "=<" ? "write <=" : spelled == "=>" ? "write >=" : nil
        return ParseFailure("unknown operator \"\(spelled)\"", hint: hint ?? "the operators are \(operatorList)")
    }
}
