/// Host names in URLs, for the allowed-hosts check.
enum URLHost {
    /// The lower-cased host of an absolute `http(s)://` URL (without user info, port or IPv6 brackets);
    /// `nil` when `text` is not absolute http(s) or the host is empty.
    static func host(of text: String) -> String? {
        let lowered = text.lowercased()
        guard let scheme = ["http://", "https://"].first(where: { lowered.hasPrefix($0) }) else { return nil }
        var authority = lowered.dropFirst(scheme.count)
        if let end = authority.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            authority = authority[..<end]
        }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let host: Substring
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = authority[authority.index(after: authority.startIndex)..<close]
        } else {
            host = authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        }
        return host.isEmpty ? nil : String(host)
    }

    /// The host of a step URL when it is fully written out (`https://cdn.example/x`); `nil` for a path, or
    /// when a placeholder is part of the scheme or host (checked at run time instead).
    static func literalHost(of url: Template) -> String? {
        guard case .literal(let text)? = url.parts.first, URLHost.host(of: text) != nil else { return nil }
        if url.parts.count > 1 {
            let afterScheme = text.lowercased().hasPrefix("https://") ? text.dropFirst(8) : text.dropFirst(7)
            guard afterScheme.contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) else { return nil }
        }
        return host(of: text)
    }
}
