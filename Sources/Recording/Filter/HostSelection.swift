/// Which hosts the flow keeps, and which origin becomes `{{env.BASE_URL}}`.
///
/// Without `--include-host`: the main host is the host of the first page the user opened (the first
/// document), else the most frequent host; every host of the same site (`api.example.com` with
/// `app.example.com`) is kept too, and the rest — analytics, CDNs, third parties — is dropped. With
/// `--include-host`: exactly the named hosts are kept (`host`, `host:port` or `*.example.com`), and the main
/// origin is chosen among them the same way.
struct HostSelection {
    /// The origin written as `{{env.BASE_URL}}`.
    let mainOrigin: String
    private let accept: (RecordedURL) -> Bool

    func keeps(_ url: RecordedURL) -> Bool { accept(url) }

    /// Chooses from `candidates` (the entries left after the first filter, in recorded order).
    static func choose(candidates: [(url: RecordedURL, isDocument: Bool)], includes: [String]) -> HostSelection? {
        let patterns = includes.map { $0.lowercased() }
        let allowed: (RecordedURL) -> Bool = { url in
            patterns.isEmpty || patterns.contains { matches(url, pattern: $0) }
        }
        let eligible = candidates.filter { allowed($0.url) }
        guard let main = eligible.first(where: \.isDocument)?.url ?? mostFrequent(eligible.map(\.url)) else {
            return nil
        }
        if !patterns.isEmpty { return HostSelection(mainOrigin: main.origin, accept: allowed) }
        let site = Site.of(main.bareHost)
        return HostSelection(mainOrigin: main.origin) { Site.of($0.bareHost) == site }
    }

    /// `host`, `host:port`, or `*.site` (which also matches `site` itself).
    static func matches(_ url: RecordedURL, pattern: String) -> Bool {
        if pattern.hasPrefix("*.") {
            let suffix = pattern.dropFirst(2)
            return url.bareHost == suffix || url.bareHost.hasSuffix("." + suffix)
        }
        return url.authority == pattern || url.host == pattern || url.bareHost == pattern
    }

    /// The most frequent authority (the earliest on a tie).
    private static func mostFrequent(_ urls: [RecordedURL]) -> RecordedURL? {
        var counts: [String: (count: Int, first: Int)] = [:]
        for (i, url) in urls.enumerated() { counts[url.origin, default: (0, i)].count += 1 }
        guard let best = counts.min(by: { ($1.value.count, $0.value.first) < ($0.value.count, $1.value.first) })
        else { return nil }
        return urls[best.value.first]
    }
}

/// The site of a host, approximated without the public-suffix list: the last two labels (`example.com`), or
/// three under a two-letter country code with a generic second level (`example.co.uk`). IP addresses and
/// single-label hosts (`localhost`) are their own site.
enum Site {
    private static let secondLevels: Set<String> = ["co", "com", "net", "org", "gov", "edu", "ac", "ne", "or", "go"]

    static func of(_ host: String) -> String {
        if host.contains(":") || host.allSatisfy({ $0.isNumber || $0 == "." }) { return host }
        let labels = host.split(separator: ".")
        guard labels.count > 2 else { return host }
        let keep = labels.last!.count == 2 && secondLevels.contains(String(labels[labels.count - 2])) ? 3 : 2
        return labels.suffix(keep).joined(separator: ".")
    }
}
