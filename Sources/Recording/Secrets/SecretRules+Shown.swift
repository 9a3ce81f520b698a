import Secrets

extension SecretRules {
    /// How a value is shown in the import report: itself, or `*** (secret, 143 characters)`.
    static func shown(_ value: String, name: String) -> String {
        if looksSecret(value) || isSecretName(name, header: true) { return "*** (\(value.count) characters)" }
        return value.count > 40 ? String(value.prefix(37)) + "..." : value
    }
}
