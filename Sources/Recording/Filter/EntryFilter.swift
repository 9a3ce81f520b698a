import Foundation

/// Decides which recorded exchanges become steps, counting every dropped one with its reason.
///
/// Two passes: while the file is read, what an entry *is* (asset, preflight, beacon, excluded) — so the
/// dropped ones are never kept in memory; once all are read, *where* it goes (the kept hosts) and whether it
/// got an answer.
struct EntryFilter {
    private let excludes: [(pattern: String, regex: NSRegularExpression)]
    private let includes: [String]
    /// Survivors of the first pass, in recorded order.
    private(set) var candidates: [(exchange: RecordedExchange, url: RecordedURL)] = []
    private(set) var drops = DropTally()
    /// Names of the cookies servers set anywhere in the recording (the replaying VU's jar will hold them).
    private(set) var serverCookies: Set<String> = []

    /// Compiles the `--exclude` patterns; a bad one is an error naming it.
    init(excludes: [String], includes: [String]) throws(ImportError) {
        var compiled: [(String, NSRegularExpression)] = []
        for pattern in excludes {
            do {
                compiled.append((pattern, try NSRegularExpression(pattern: pattern)))
            } catch {
                throw ImportError(
                    file: "--exclude", message: "invalid regular expression '\(pattern)'",
                    hint: "use ICU regex syntax, e.g. --exclude '/api/telemetry'")
            }
        }
        self.excludes = compiled
        self.includes = includes
    }

    /// The first pass, for one exchange as it is read.
    mutating func add(_ exchange: RecordedExchange) {
        for field in exchange.response?.headers ?? [] where field.name.lowercased() == "set-cookie" {
            if let name = CookieText.setCookieName(field.value) { serverCookies.insert(name) }
        }
        let text = exchange.request.url
        guard let url = RecordedURL.parse(text) else {
            // For the report only: `data:`, `blob:`, or an http(s) URL libcurl cannot read.
            let scheme = text.firstIndex(of: ":").map { String(text[..<$0]).lowercased() + ":" } ?? "no scheme"
            let readable = scheme != "http:" && scheme != "https:"
            drops.add(.notHTTP(scheme: readable ? scheme : "unreadable \(scheme)"))
            return
        }
        if let reason = firstPassReason(exchange, url: url) {
            drops.add(reason)
        } else {
            candidates.append((exchange, url))
        }
    }

    private func firstPassReason(_ exchange: RecordedExchange, url: RecordedURL) -> DropReason? {
        let text = exchange.request.url
        let range = NSRange(text.startIndex..., in: text)
        if let hit = excludes.first(where: { $0.regex.firstMatch(in: text, range: range) != nil }) {
            return .excluded(pattern: hit.pattern)
        }
        if let reason = AssetClassifier.dropReason(exchange, url: url) { return reason }
        if exchange.fromCache { return .browserCache }
        if !FlowMethods.all.contains(exchange.request.method) { return .unsupportedMethod(exchange.request.method) }
        if let body = exchange.request.body {
            if body.isMultipart { return .multipartBody }
            if body.isUndecodable { return .undecodableBody }
            if body.text.utf8.count > RecordingLimits.requestBodyBytes { return .bodyTooLarge }
        }
        return nil
    }

    /// The second pass: keeps the chosen hosts and (with `needsResponse`) answered requests.
    /// `nil` when no host could be chosen (nothing left, or `--include-host` matched nothing).
    mutating func finish(needsResponse: Bool) -> (kept: [RecordedExchange], hosts: HostSelection)? {
        let chosen = HostSelection.choose(
            candidates: candidates.map { ($0.url, AssetClassifier.isDocument($0.exchange)) }, includes: includes)
        guard let hosts = chosen else {
            for (_, url) in candidates { drops.add(.otherHost(host: url.authority)) }
            candidates = []
            return nil
        }
        var kept: [RecordedExchange] = []
        for (exchange, url) in candidates {
            if !hosts.keeps(url) {
                drops.add(.otherHost(host: url.authority))
            } else if needsResponse, (exchange.response?.status ?? 0) == 0 {
                drops.add(.noResponse)
            } else {
                kept.append(exchange)
            }
        }
        candidates = []
        return (kept, hosts)
    }
}
