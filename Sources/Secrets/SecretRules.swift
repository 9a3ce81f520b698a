/// What counts as a credential, by where a value sits (a header, parameter, field or key name) and by its shape (a
/// JWT, a long random string): the one rule the importer scrubs recordings with and every output masks with.
public enum SecretRules {
    /// Headers whose value is a credential.
    private static let secretHeaders: Set<String> = [
        "apikey", "api-key", "x-api-key", "x-apikey", "x-auth-token", "x-access-token", "x-csrf-token",
        "x-xsrf-token", "x-session-id", "x-session-token", "x-amz-security-token",
    ]

    /// Name fragments of parameters and fields that hold credentials.
    private static let secretNameParts = [
        "password", "passwd", "pwd", "secret", "token", "apikey", "api_key", "api-key", "signature", "session",
        "credential", "private_key", "privatekey", "access_key", "accesskey", "csrf", "xsrf", "passcode",
        "passphrase", "authorization", "authentication",
    ]

    /// Short secret names matched as whole words of the name (`pin`, `user_pin`, `new-pw`), because as
    /// fragments they are in ordinary names (`pinned`, `bypass`, `compass`). A name with a secret fragment
    /// is secret even when it is about the secret (`password_hint`): a false positive costs an environment
    /// variable (or a masked value), a false negative a credential in clear.
    private static let secretWords: Set<String> = ["pass", "pw", "pin", "auth"]

    /// Exact names that are secrets though short, and the credential headers whatever they are called in.
    private static let secretNames: Set<String> = [
        "sig", "key", "sid", "jwt", "code_verifier", "otp", "auth", "authorization", "proxy-authorization", "cookie",
        "set-cookie",
    ]

    /// Whether a value sitting under `name` (a header, parameter, field or JSON key) is a secret. `header`: the name
    /// is a header's, which adds the API-key and token headers.
    public static func isSecretName(_ name: String, header: Bool) -> Bool {
        let name = name.lowercased()
        if header, secretHeaders.contains(name) { return true }
        if secretNames.contains(name) { return true }
        // `task_id`, `token_id`: names of identifiers, not secrets; but a session ID is the session.
        if (name.hasSuffix("_id") || name.hasSuffix("-id") || name == "id") && !name.contains("session") {
            return false
        }
        if name.hasPrefix("auth_") || name.hasPrefix("auth-") || name.hasPrefix("x-auth") { return true }
        if name.split(whereSeparator: { "_-. []".contains($0) }).contains(where: { secretWords.contains(String($0)) }) {
            return true
        }
        return secretNameParts.contains { name.contains($0) }
    }

    /// Whether the value looks like a credential wherever it is: a JWT, or a long random string.
    public static func looksSecret(_ value: String) -> Bool {
        isJWT(value) || isRandomToken(value)
    }

    /// Three base64url parts, the first one a JSON header (`eyJ`).
    public static func isJWT(_ value: String) -> Bool {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && value.hasPrefix("eyJ") && parts[0].count > 8 && parts[1].count > 8
            && parts.allSatisfy {
                $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
            }
    }

    /// 24+ characters of letters and digits in both cases (or 32+ hex digits), not a UUID.
    public static func isRandomToken(_ value: String) -> Bool {
        let count = value.utf8.count
        guard count >= 24, count <= 4_096, !isUUID(value) else { return false }
        var lower = 0
        var upper = 0
        var digits = 0
        var other = 0
        for b in value.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): lower += 1
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): upper += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="),
                UInt8(ascii: "."):
                break
            default: other += 1
            }
        }
        guard other == 0 else { return false }
        let isHex = value.utf8.allSatisfy {
            (0x30...0x39).contains($0) || (0x61...0x66).contains($0) || (0x41...0x46).contains($0)
        }
        if isHex { return count >= 32 }
        return lower > 0 && upper > 0 && digits > 0
    }

    public static func isUUID(_ value: String) -> Bool {
        let b = Array(value.utf8)
        guard b.count == 36 else { return false }
        for (i, c) in b.enumerated() {
            if [8, 13, 18, 23].contains(i) {
                guard c == UInt8(ascii: "-") else { return false }
            } else if !((0x30...0x39).contains(c) || (0x61...0x66).contains(c) || (0x41...0x46).contains(c)) {
                return false
            }
        }
        return true
    }
}
