/// The two cookie header formats: `Set-Cookie: name=value; Path=/` and `Cookie: a=1; b=2`.
enum CookieText {
    /// The cookie name a `Set-Cookie` value sets.
    static func setCookieName(_ value: String) -> String? {
        setCookiePair(value)?.name
    }

    /// Name and value of a `Set-Cookie` header (attributes ignored).
    static func setCookiePair(_ value: String) -> (name: String, value: String)? {
        let first = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard let equals = first.firstIndex(of: "=") else { return nil }
        let name = String(first[..<equals]).trimming(" \t")
        guard !name.isEmpty else { return nil }
        var cookieValue = String(first[first.index(after: equals)...]).trimming(" \t")
        if cookieValue.count >= 2, cookieValue.hasPrefix("\""), cookieValue.hasSuffix("\"") {
            cookieValue = String(cookieValue.dropFirst().dropLast())
        }
        return (name, cookieValue)
    }

    /// The pairs of a `Cookie` header, in order.
    static func pairs(_ header: String) -> [(name: String, value: String)] {
        header.split(separator: ";").compactMap { part in
            let text = String(part).trimming(" \t")
            guard let equals = text.firstIndex(of: "=") else { return nil }
            return (String(text[..<equals]), String(text[text.index(after: equals)...]))
        }
    }
}
