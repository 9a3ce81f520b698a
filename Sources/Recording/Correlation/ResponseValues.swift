import Scenario

/// Collects the values of one response that later requests may reuse: JSON leaves, headers, cookies the
/// server set, and ID-like tokens of HTML and text bodies.
enum ResponseValues {
    /// Response headers that describe the transfer rather than carry data.
    private static let boringHeaders: Set<String> = [
        "date", "content-length", "content-type", "server", "vary", "cache-control", "expires", "last-modified",
        "connection", "keep-alive", "transfer-encoding", "content-encoding", "strict-transport-security",
        "x-content-type-options", "x-frame-options", "content-security-policy", "referrer-policy", "age", "via",
        "alt-svc", "accept-ranges", "pragma", "x-xss-protection", "permissions-policy", "report-to", "nel",
        "timing-allow-origin", "server-timing", "x-powered-by", "link", "content-disposition", "location",
        "set-cookie", "content-language", "retry-after",
    ]

    /// Adds the values of the response of `exchange` (at `position`) to `index`, skipping values the client
    /// sent before (`seen`): those were not minted by the server.
    static func index(
        _ exchange: RecordedExchange, position: Int, seen: Set<String>, into index: inout ValueIndex
    ) {
        guard let response = exchange.response else { return }
        func add(_ value: String, _ source: ValueOrigin.Source) {
            guard ValueRules.isCandidate(value), !seen.contains(value) else { return }
            index.add(value, ValueOrigin(position: position, source: source, raw: value))
        }
        for field in response.headers {
            let name = field.name.lowercased()
            if name == "location" {
                addURL(
                    field.value, ValueOrigin(position: position, source: .header(field.name), raw: field.value), &index)
            } else if name == "set-cookie" {
                if let pair = CookieText.setCookiePair(field.value) { add(pair.value, .setCookie(pair.name)) }
            } else if !boringHeaders.contains(name), !name.hasPrefix("access-control-"),
                !name.hasPrefix("cross-origin-")
            {
                add(field.value, .header(field.name))
            }
        }
        guard let body = response.body, !body.isEmpty else { return }
        if let json = JSONValue.parse(body),
            MediaType.isJSON(response.mimeType) || response.mimeType == nil || isContainer(json)
        {
            var budget = 20_000
            walk(json, path: [], budget: &budget) { value, path in
                if value.hasPrefix("/") || value.hasPrefix("http://") || value.hasPrefix("https://") {
                    addURL(value, ValueOrigin(position: position, source: .json(path), raw: value), &index)
                }
                add(value, .json(path))
            }
        } else {
            for token in ValueRules.tokens(body) { add(String(token), .text) }
        }
    }

    private static func isContainer(_ value: JSONValue) -> Bool {
        switch value {
        case .object, .array: true
        default: false
        }
    }

    /// A URL value indexed by its path and query (absolute URLs lose their origin: requests are matched by path).
    private static func addURL(_ value: String, _ origin: ValueOrigin, _ index: inout ValueIndex) {
        if value.hasPrefix("/") {
            index.addURL(value, origin)
        } else if let url = RecordedURL.parse(value) {
            index.addURL(url.pathAndQuery, origin)
        }
    }

    /// Calls `visit` with each string and number leaf and its path, in document order, within `budget` leaves.
    private static func walk(
        _ value: JSONValue, path: [JSONPath.Component], budget: inout Int, _ visit: (String, JSONPath) -> Void
    ) {
        guard budget > 0 else { return }
        switch value {
        case .string(let s):
            budget -= 1
            if let jsonPath = JSONPathText.make(path) { visit(s, jsonPath) }
        case .number:
            budget -= 1
            if let jsonPath = JSONPathText.make(path) { visit(value.textValue, jsonPath) }
        case .array(let items):
            for (i, item) in items.enumerated() { walk(item, path: path + [.index(i)], budget: &budget, visit) }
        case .object(let members):
            for (key, member) in members { walk(member, path: path + [.key(key)], budget: &budget, visit) }
        case .bool, .null: break
        }
    }
}

/// Writes JSON paths that the flow loader parses back to the same components.
enum JSONPathText {
    static func make(_ components: [JSONPath.Component]) -> JSONPath? {
        var text = "$"
        for component in components {
            switch component {
            case .index(let i): text += "[\(i)]"
            case .key(let key):
                if isPlain(key) {
                    text += ".\(key)"
                } else {
                    // The loader reads `\` inside quotes as "take the next character as is".
                    let escaped = key.replacingOccurrences(of: "\\", with: "\\\\")
                        .replacingOccurrences(of: "'", with: "\\'")
                    text += "['\(escaped)']"
                }
            }
        }
        return JSONPath(text: text, components: components)
    }

    private static func isPlain(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first == "_" || first.properties.isAlphabetic, first.isASCII
        else { return false }
        return key.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-")
        }
    }
}
