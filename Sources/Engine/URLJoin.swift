import Scenario

/// Joins step paths to the base URL and finds a URL's host, without Foundation on the hot path.
enum URLJoin {
    /// An absolute step URL stays as is; a path is appended to the base URL with exactly one `/` between.
    /// A URL that starts with a placeholder is left alone: only its rendered text tells (`runtimeJoin`).
    static func join(base: String, _ path: Template) -> Template {
        guard case .literal(let first)? = path.parts.first else { return path }
        if first.hasPrefix("http://") || first.hasPrefix("https://") { return path }
        return Template(parts: [.literal(join(base: base, path: ""))] + path.parts)
    }

    /// Joins a rendered path to the base URL, unless it is already absolute.
    static func runtimeJoin(base: String, _ rendered: String) -> String {
        if rendered.hasPrefix("http://") || rendered.hasPrefix("https://") { return rendered }
        return join(base: base, path: rendered)
    }

    private static func join(base: String, path: String) -> String {
        var prefix = base
        while prefix.hasSuffix("/") { prefix.removeLast() }
        return path.hasPrefix("/") || path.isEmpty ? prefix + path : prefix + "/" + path
    }

    /// The explicit port of an absolute URL, if it names one.
    static func port(of url: String) -> Int? {
        guard let scheme = url.range(of: "://") else { return nil }
        var rest = url[scheme.upperBound...]
        if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if let close = rest.lastIndex(of: "]") { rest = rest[rest.index(after: close)...] }
        guard let colon = rest.lastIndex(of: ":") else { return nil }
        return Int(rest[rest.index(after: colon)...])
    }

    /// The host of an absolute http(s) URL, lower-cased, without port or brackets.
    static func host(of url: String) -> String? {
        guard let scheme = url.range(of: "://") else { return nil }
        var rest = url[scheme.upperBound...]
        if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            return String(rest[rest.index(after: rest.startIndex)..<close]).lowercased()
        }
        if let colon = rest.firstIndex(of: ":") { rest = rest[..<colon] }
        return rest.lowercased()
    }
}

/// Merges flow-wide headers with a step's own (case-insensitive names; the step wins).
enum HeaderMerge {
    static func merge(_ flow: [Header], _ step: [Header]) -> [Header] {
        let overridden = Set(step.map { $0.name.lowercased() })
        return flow.filter { !overridden.contains($0.name.lowercased()) } + step
    }
}

/// Deals virtual users out to roles by weight, spreading each role evenly over time (smooth weighted
/// round robin), so a ramp-up brings in every role from the start.
enum RoleDealer {
    static func deal(vus: Int, weights: [Int]) -> [Int] {
        guard !weights.isEmpty else { return [] }
        let total = weights.reduce(0) { $0 + max($1, 0) }
        var credit = Array(repeating: 0, count: weights.count)
        return (0..<vus).map { _ in
            for i in weights.indices { credit[i] += max(weights[i], 0) }
            let pick = credit.indices.max { credit[$0] < credit[$1] }!
            credit[pick] -= total
            return pick
        }
    }
}
