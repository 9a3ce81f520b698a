import CCurl

/// URL text for what is printed, saved or imported.
public enum URLText {
    /// `https://user:pw@host/` → `https://host/`, so credentials in a URL are never printed or saved. A URL
    /// without user info comes back unchanged; one libcurl cannot read is not shown at all if it holds an `@`
    /// (its user info could not be told apart).
    public static func withoutUserInfo(_ url: String) -> String {
        (try? splitUserInfo(url))?.url ?? (url.contains("@") ? "(not shown: not a valid URL)" : url)
    }

    /// The URL without user info (and, with `droppingFragment`, without `#fragment`, which is never sent), and
    /// the user info percent-decoded (`user:password`; `nil` when there is none), as libcurl reads them. The
    /// URL comes back as written when there is nothing to drop, else as libcurl writes it.
    public static func splitUserInfo(_ url: String, droppingFragment: Bool = false) throws(URLParseError)
        -> (url: String, userInfo: String?)
    {
        let handle = try URLHandle(url)
        let user = handle.get(CURLUPART_USER, flags: CURLU_URLDECODE)
        let password = handle.get(CURLUPART_PASSWORD, flags: CURLU_URLDECODE)
        let dropsFragment = droppingFragment && handle.get(CURLUPART_FRAGMENT) != nil
        guard user != nil || password != nil || dropsFragment else { return (url, nil) }
        try handle.set(CURLUPART_USER, nil)
        try handle.set(CURLUPART_PASSWORD, nil)
        if dropsFragment { try handle.set(CURLUPART_FRAGMENT, nil) }
        let info = user == nil && password == nil ? nil : (user ?? "") + (password.map { ":" + $0 } ?? "")
        return (try handle.getOrThrow(CURLUPART_URL), info)
    }
}
