import Secrets

/// Names for parallel groups: the HAR page the user was on (what they waited for), else the resources the
/// group loads (`parallel: me, projects, tasks`). Unique within the flow.
struct GroupNaming {
    private var used: Set<String> = []
    private let titles: [String: String]

    init(pages: [HARPage]) {
        var titles: [String: String] = [:]
        for page in pages where titles[page.id] == nil { titles[page.id] = Self.clean(page.title) }
        self.titles = titles
    }

    /// The name of a group of requests to `paths` on page `pageref`.
    mutating func name(pageref: String?, paths: [String]) -> String {
        let base = pageref.flatMap { titles[$0] } ?? Self.describe(paths)
        let name = UniqueName.make(base, separator: " #", isTaken: used.contains)
        used.insert(name)
        return name
    }

    /// A page title fit for a report: a URL becomes its path (`/` is `home`), long titles are cut, and a title
    /// carrying a token is not used at all.
    static func clean(_ title: String) -> String? {
        var text = title.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if let url = RecordedURL.parse(text) { text = url.path == "/" ? "home" : url.path }
        if text.split(separator: "/").contains(where: { SecretRules.looksSecret(String($0)) }) { return nil }
        guard !text.isEmpty, !text.contains("{{") else { return nil }
        return text.count > 50 ? String(text.prefix(47)) + "..." : text
    }

    /// `parallel: me, projects, tasks +2`.
    static func describe(_ paths: [String]) -> String {
        var words: [String] = []
        for path in paths {
            let word =
                path.split(separator: "/").last { segment in
                    segment.first?.isLetter == true && !segment.contains("{")
                        && !SecretRules.looksSecret(String(segment))
                }.map(String.init) ?? "/"
            if !words.contains(word) { words.append(word) }
        }
        let shown = words.prefix(3).joined(separator: ", ")
        return "parallel: " + shown + (words.count > 3 ? " +\(words.count - 3)" : "")
    }
}
