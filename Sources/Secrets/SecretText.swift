/// The part of the masking rule that needs no known value: what a text's own structure says is a credential.
/// Works on UTF-8 bytes, one pass per pattern; every pattern leaves `***` as it is, so masking is idempotent.
enum SecretText {
    static let shown = Array(SecretMask.shown.utf8)

    static func maskStructure(_ text: [UInt8]) -> [UInt8] {
        var bytes = text
        bytes = maskUserInfo(bytes)
        bytes = maskJSONMembers(bytes)
        bytes = maskPairs(bytes)
        bytes = maskHeaderLines(bytes)
        bytes = maskSchemeCredentials(bytes)
        bytes = maskJWTs(bytes)
        return bytes
    }

    /// One pass over `b`: at each index `match` either writes what stands there into `out` and returns the index to
    /// go on from (past it), or returns nil to copy that one byte as it is.
    private static func scan(_ b: [UInt8], _ match: (inout [UInt8], Int) -> Int?) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if let next = match(&out, i), next > i {
                i = next
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return out
    }

    // MARK: URL user info

    /// `scheme://user:password@host` → `scheme://***@host`.
    static func maskUserInfo(_ b: [UInt8]) -> [UInt8] {
        scan(b) { out, i in
            guard b[i] == colon, i + 2 < b.count, b[i + 1] == slash, b[i + 2] == slash else { return nil }
            out += b[i..<(i + 3)]
            var j = i + 3
            while j < b.count, !authorityEnd.contains(b[j]) { j += 1 }
            guard j < b.count, b[j] == at, j > i + 3 else { return i + 3 }
            out += shown
            return j
        }
    }

    // MARK: JSON members

    /// `"password": "x"` → `"password": "***"`, also `\"password\":\"x\"` inside an escaped JSON string, and a number
    /// under a credential name (`"pin": 1234`).
    static func maskJSONMembers(_ b: [UInt8]) -> [UInt8] {
        scan(b) { out, i in
            guard let member = jsonMember(b, at: i) else { return nil }
            out += b[i..<member.valueStart]
            guard member.secret else { return member.valueStart }  // scan on inside: it may hold escaped JSON
            out += shown
            return member.valueEnd
        }
    }

    /// A member starting at `i`: its name is secret, and its value's bytes (without quotes) are `valueStart..<valueEnd`.
    private static func jsonMember(_ b: [UInt8], at i: Int) -> (secret: Bool, valueStart: Int, valueEnd: Int)? {
        let escaped: Bool
        if b[i] == quote {
            escaped = false
        } else if b[i] == backslash, i + 1 < b.count, b[i + 1] == quote {
            escaped = true
        } else {
            return nil
        }
        let nameStart = i + (escaped ? 2 : 1)
        guard let nameEnd = stringEnd(b, from: nameStart, escaped: escaped), nameEnd > nameStart,
            nameEnd - nameStart <= 100
        else { return nil }
        var j = nameEnd + (escaped ? 2 : 1)
        while j < b.count, b[j] == space { j += 1 }
        guard j < b.count, b[j] == colon else { return nil }
        j += 1
        while j < b.count, b[j] == space { j += 1 }
        guard j < b.count else { return nil }
        let secret = SecretRules.isSecretName(String(decoding: b[nameStart..<nameEnd], as: UTF8.self), header: true)
        if b[j] == quote && !escaped {
            guard let end = stringEnd(b, from: j + 1, escaped: false) else { return nil }
            return (secret, j + 1, end)
        }
        if escaped, b[j] == backslash, j + 1 < b.count, b[j + 1] == quote {
            guard let end = stringEnd(b, from: j + 2, escaped: true) else { return nil }
            return (secret, j + 2, end)
        }
        var end = j
        while end < b.count, numberBytes.contains(b[end]) { end += 1 }
        return end > j ? (secret, j, end) : (false, j, j)
    }

    /// Where a string starting at `from` ends (the index of its closing quote, or of the `\` of `\"`).
    private static func stringEnd(_ b: [UInt8], from: Int, escaped: Bool) -> Int? {
        var k = from
        while k < b.count {
            if escaped {
                if b[k] == backslash, k + 1 < b.count, b[k + 1] == quote { return k }
            } else if b[k] == backslash {
                k += 1
            } else if b[k] == quote {
                return k
            }
            k += 1
        }
        return nil
    }

    // MARK: name=value

    /// `token=abc` in a query, form, cookie or message → `token=***`.
    static func maskPairs(_ b: [UInt8]) -> [UInt8] {
        scan(b) { out, i in
            guard b[i] == equals else { return nil }
            var nameStart = i
            while nameStart > 0, isNameByte(b[nameStart - 1]) { nameStart -= 1 }
            guard nameStart < i,
                SecretRules.isSecretName(String(decoding: b[nameStart..<i], as: UTF8.self), header: false)
            else { return nil }
            var end = i + 1
            while end < b.count, !pairEnd.contains(b[end]) { end += 1 }
            out.append(equals)
            if end > i + 1 { out += shown }
            return end
        }
    }

    // MARK: Header lines

    /// A line `Authorization: Bearer x` → `Authorization: ***`.
    static func maskHeaderLines(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var lineStart = 0
        while lineStart < b.count {
            var lineEnd = lineStart
            while lineEnd < b.count, b[lineEnd] != newline { lineEnd += 1 }
            var nameEnd = lineStart
            while nameEnd < lineEnd, isHeaderNameByte(b[nameEnd]) { nameEnd += 1 }
            if nameEnd > lineStart, nameEnd < lineEnd, b[nameEnd] == colon,
                SecretRules.isSecretName(String(decoding: b[lineStart..<nameEnd], as: UTF8.self), header: true)
            {
                out += b[lineStart...nameEnd]
                out += [space] + shown
                if lineEnd > lineStart, b[lineEnd - 1] == carriageReturn { out.append(carriageReturn) }
            } else {
                out += b[lineStart..<lineEnd]
            }
            if lineEnd < b.count { out.append(newline) }
            lineStart = lineEnd + 1
        }
        return out
    }

    // MARK: Bearer and Basic

    /// `Bearer abc`, `Basic dXNlcjpwdw==`, `Token abc` → the scheme and `***`.
    static func maskSchemeCredentials(_ b: [UInt8]) -> [UInt8] {
        scan(b) { out, i in
            guard let scheme = schemes.first(where: { startsWithWord($0, b, at: i) }) else { return nil }
            let start = i + scheme.count
            out += b[i..<start]
            var end = start
            while end < b.count, isTokenByte(b[end]) || b[end] == equals { end += 1 }
            guard end - start >= minimumCredential else { return start }
            out += shown
            return end
        }
    }

    /// `scheme` (lower-case, with its trailing space) at `i`, case-insensitively, not inside a longer word.
    private static func startsWithWord(_ scheme: [UInt8], _ b: [UInt8], at i: Int) -> Bool {
        guard i + scheme.count < b.count, i == 0 || !isTokenByte(b[i - 1]) else { return false }
        for j in 0..<scheme.count where b[i + j] | 0x20 != scheme[j] | 0x20 { return false }
        return true
    }

    // MARK: JWTs

    /// Any JWT-shaped token, wherever it is.
    static func maskJWTs(_ b: [UInt8]) -> [UInt8] {
        scan(b) { out, i in
            guard isJWTByte(b[i]) else { return nil }
            var end = i
            while end < b.count, isJWTByte(b[end]) { end += 1 }
            let run = b[i..<end]
            out += run.count > 20 && SecretRules.isJWT(String(decoding: run, as: UTF8.self)) ? shown : Array(run)
            return end
        }
    }

    // MARK: Bytes

    private static let colon = UInt8(ascii: ":")
    private static let slash = UInt8(ascii: "/")
    private static let at = UInt8(ascii: "@")
    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")
    private static let space = UInt8(ascii: " ")
    private static let equals = UInt8(ascii: "=")
    private static let dot = UInt8(ascii: ".")
    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let authorityEnd = Set("/?#@ \t\r\n\"'<>\\".utf8)
    private static let numberBytes = Set("0123456789+-.eE".utf8)
    private static let pairEnd = Set("&; \t\r\n\"',\\<>)}]".utf8)
    private static let schemes = ["bearer ", "basic ", "digest "].map { Array($0.utf8) }
    /// Shorter words after a scheme's name are prose ("basic auth"), not credentials.
    private static let minimumCredential = 8

    private static func isNameByte(_ c: UInt8) -> Bool {
        isTokenByte(c) || c == UInt8(ascii: "[") || c == UInt8(ascii: "]") || c == dot
    }

    private static func isHeaderNameByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == UInt8(ascii: "-")
            || c == UInt8(ascii: "_")
    }

    /// Base64url and the dots between a JWT's parts.
    private static func isJWTByte(_ c: UInt8) -> Bool { isHeaderNameByte(c) || c == dot }

    /// Letters, digits, `-`, `_`, and the base64 `+` and `/`.
    private static func isTokenByte(_ c: UInt8) -> Bool {
        isHeaderNameByte(c) || c == UInt8(ascii: "+") || c == slash
    }
}
