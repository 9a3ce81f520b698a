import Scenario

/// Replaces values in requests that first appeared in earlier responses by captures of those responses.
///
/// Walks the requests in recorded order. A value is looked up among the responses of earlier *steps* only
/// (``commit()`` closes a step): requests of one parallel group cannot use each other's responses. The
/// earliest response wins; values the client sent before any response had them (a search term, the login
/// e-mail) are never correlated; short and common values are ignored (``ValueRules``).
struct Correlator {
    private let exchanges: [RecordedExchange]
    private var committed = ValueIndex()
    private var pending = ValueIndex()
    private var seen: Set<String> = []
    private(set) var registry = CaptureRegistry()

    /// Headers whose values describe the client, never data from a response.
    private static let ignoredHeaders: Set<String> = ["accept", "accept-language", "content-type", "origin", "referer"]

    init(exchanges: [RecordedExchange]) { self.exchanges = exchanges }

    /// Whether the index ran out of room on a huge recording (later responses were not indexed).
    var indexWasFull: Bool { committed.isFull || pending.isFull }

    /// Adds the response of the exchange at `position` to the current step's values.
    mutating func recordResponse(of position: Int) {
        ResponseValues.index(exchanges[position], position: position, seen: seen, into: &pending)
    }

    /// Closes the current step: its responses become available to later requests.
    mutating func commit() {
        committed.merge(pending)
        pending = ValueIndex()
    }

    /// Whether `draft` uses a value that only the current step's responses had (it must then start a new step).
    func dependsOnCurrentStep(_ draft: DraftRequest) -> Bool {
        var copy = draft
        var depends = false
        if let url = draft.literalPathAndQuery, pending.urls[url] != nil, committed.urls[url] == nil { depends = true }
        copy.rewrite { site in
            for value in Self.lookupKeys(site) where pending[value] != nil && committed[value] == nil {
                depends = true
            }
            return nil
        }
        return depends
    }

    /// Rewrites the values of `draft` found in earlier steps' responses.
    mutating func correlate(_ draft: inout DraftRequest) {
        if let url = draft.literalPathAndQuery, Self.hasData(url), let origin = committed.urls[url],
            draft.originVariable == nil || origin.raw.hasPrefix("http"),
            let variable = registry.variable(for: origin, in: exchanges, siteName: "location")
        {
            draft.urlOverride = Template(variable)
            draft.query = .none
        }
        draft.rewrite { site in replacement(for: site) }
    }

    private mutating func replacement(for site: ValueSite) -> Template? {
        if site.kind == .header, Self.ignoredHeaders.contains(site.name) { return nil }
        switch site.kind {
        case .rawBody:
            return rawBodyReplacement(site.value)
        case .header:
            if let split = ValueRules.authScheme(site.value), let origin = committed[split.credential],
                let v = registry.variable(for: origin, in: exchanges, siteName: site.name)
            {
                return Template(parts: [.literal(split.prefix), .variable(v)])
            }
            fallthrough
        default:
            if let origin = committed[site.value],
                let v = registry.variable(for: origin, in: exchanges, siteName: site.name)
            {
                return Template(v)
            }
            // A value inside a longer one: `eq.<user id>` (PostgREST filters), `id:<n>`.
            var template = Template(literal: site.value)
            for piece in ValueRules.pieces(site.value) {
                if let origin = committed[piece],
                    let v = registry.variable(for: origin, in: exchanges, siteName: site.name)
                {
                    template = template.replacing(piece, with: v)
                }
            }
            if !template.isLiteral { return template }
            for key in Self.lookupKeys(site) where ValueRules.isCandidate(key) { seen.insert(key) }
            return nil
        }
    }

    /// A raw body with each ID-like token from an earlier response replaced by its capture.
    private mutating func rawBodyReplacement(_ text: String) -> Template? {
        var template = Template(literal: text)
        for token in ValueRules.tokens(text).map(String.init) {
            if let origin = committed[token], let v = registry.variable(for: origin, in: exchanges, siteName: "body") {
                template = template.replacing(token, with: v)
            } else {
                seen.insert(token)
            }
        }
        return template.isLiteral ? nil : template
    }

    /// Whether a URL carries something a server minted (an ID, a token): `/api/me` found in an earlier response
    /// is a constant path, not worth a capture that another role's response might not have.
    private static func hasData(_ url: String) -> Bool {
        url.split { "/?&=;".contains($0) }.contains { ValueRules.isCandidate(String($0)) }
    }

    /// The values a site could be looked up by: itself, the credential of `Bearer …`, the tokens of a raw body.
    private static func lookupKeys(_ site: ValueSite) -> [String] {
        switch site.kind {
        case .rawBody: return ValueRules.tokens(site.value).map(String.init)
        case .header:
            if ignoredHeaders.contains(site.name) { return [] }
            return [site.value] + (ValueRules.authScheme(site.value).map { [$0.credential] } ?? [])
                + ValueRules.pieces(site.value)
        default: return [site.value] + ValueRules.pieces(site.value)
        }
    }
}
