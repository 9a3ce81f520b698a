import CCurl

/// Step URLs joined to the base URL.
///
/// A step path is appended to the base URL's path with exactly one `/` between (`https://h/api` + `/users` →
/// `https://h/api/users`), which is what the README documents and what users of other load tools expect; RFC
/// 3986 reference resolution would instead replace the base path (`https://h/users`). Whether a text is an
/// absolute URL or a path is libcurl's call, and the joined text is what the allow-list check parses, with the
/// parser that sends, before it is sent.
public enum URLJoin {
    /// `relative` unchanged when it is an absolute URL, else `relative` appended to `base` with one `/` between.
    public static func join(base: String, relative: String) -> String {
        if isAbsolute(relative) { return relative }
        var prefix = base
        while prefix.hasSuffix("/") { prefix.removeLast() }
        return relative.hasPrefix("/") || relative.isEmpty ? prefix + relative : prefix + "/" + relative
    }

    /// Where a redirect goes: `location` (absolute, or relative as RFC 3986 resolves it) against the URL that
    /// answered, resolved by libcurl's own parser as `CURLOPT_FOLLOWLOCATION` would; nil when it is no URL.
    public static func redirect(from url: String, to location: String) -> String? {
        guard !location.utf8.contains(0), let handle = try? URLHandle(url) else { return nil }
        guard (try? handle.set(CURLUPART_URL, location)) != nil else { return nil }
        return handle.get(CURLUPART_URL)
    }

    /// Whether libcurl reads `text` as an absolute URL: it starts with a scheme and `//` (`https://h/x`, also
    /// `ftp://h/`, which the allow-list then refuses). Paths (`/x`, `x`, `//h/x`) and text such as `id:42` are
    /// not: they are joined to the base URL and so stay on its host. A text with a prefix such as `https://`
    /// whose host is still to come (a template before rendering) counts as absolute.
    public static func isAbsolute(_ text: String) -> Bool {
        // A scheme starts with a letter, so a path needs no parse (libcurl says "Bad scheme"): the common case.
        if text.hasPrefix("/") { return false }
        do {
            _ = try URLHandle(text)
            return true
        } catch {
            return !notAbsolute.contains(error.code)
        }
    }

    /// curl's answers for a text that does not start with `scheme://`.
    private static let notAbsolute: Set<Int> = [
        Int(CURLUE_BAD_SCHEME.rawValue), Int(CURLUE_NO_SCHEME.rawValue), Int(CURLUE_BAD_SLASHES.rawValue),
    ]
}
