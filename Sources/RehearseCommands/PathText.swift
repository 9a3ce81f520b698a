/// A path's folder, by text. Foundation's `NSString.deletingLastPathComponent` traps on a one-character path
/// (swift-corelibs-foundation with Swift 6.3: `"r"` crashes with SIGILL), and `--out r` is a fine folder name.
enum PathText {
    /// `a/b/c` → `a/b`; `c` → ``; `/c` and `/` → `/`; trailing slashes ignored.
    static func parent(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        if slash == trimmed.startIndex { return "/" }
        var folder = trimmed[..<slash]
        while folder.count > 1, folder.hasSuffix("/") { folder.removeLast() }
        return String(folder)
    }
}
