import Secrets

/// Brief names for parallel groups, since they head every row of the summary: the HAR page the user was on
/// (what they waited for), else the first path segment in which the group's requests differ
/// (`rpc, tasks, projects` for `/rest/v1/rpc/…`, `/rest/v1/tasks`, `/rest/v1/projects`). Unique within the flow.
struct GroupNaming {
    /// Longest name written; longer titles are cut.
    static let maxLength = 32
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

    /// A page title fit for a report: a URL becomes its path (`/` is `home`), a site's title its first part
    /// (`Dashboard – Acme Staging` → `Dashboard`), long titles are cut, and a title carrying a token is not used.
    static func clean(_ title: String) -> String? {
        var text = title.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if let url = RecordedURL.parse(text) {
            text = url.path == "/" ? "home" : url.path
        } else if let first = text.split(separator: " ").split(whereSeparator: {
            ["-", "–", "—", "|", "·"].contains($0)
        })
        .first {
            text = first.joined(separator: " ")
        }
        if text.split(separator: "/").contains(where: { SecretRules.looksSecret(String($0)) }) { return nil }
        guard !text.isEmpty, !text.contains("{{") else { return nil }
        return brief(text)
    }

    /// `rpc, tasks, projects`, `me, projects, tasks +2`: the segment after the paths' common start, for each path.
    static func describe(_ paths: [String]) -> String {
        let split = paths.map { $0.split(separator: "/").map(String.init) }
        let common = split.dropFirst().reduce(split.first ?? []) { prefix, segments in
            Array(zip(prefix, segments).prefix { $0 == $1 }.map(\.0))
        }
        var words: [String] = []
        for segments in split where segments.count > common.count {
            let word = segments[common.count]
            if isWord(word), !words.contains(word) { words.append(word) }
        }
        if words.isEmpty {
            // The paths differ only in IDs (or not at all): the last word they share.
            return common.last(where: isWord).map(brief) ?? "home"
        }
        let shown = words.prefix(3).joined(separator: ", ")
        return brief(shown + (words.count > 3 ? " +\(words.count - 3)" : ""))
    }

    /// A segment that names something: starts with a letter, no placeholder, no token.
    private static func isWord(_ segment: String) -> Bool {
        segment.first?.isLetter == true && !segment.contains("{") && !SecretRules.looksSecret(segment)
    }

    private static func brief(_ text: String) -> String {
        text.count > maxLength ? String(text.prefix(maxLength - 1)) + "…" : text
    }
}
