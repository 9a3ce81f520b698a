import Secrets

extension Check {
    /// `nil` when the response passes the check, else a short reason such as `status 500, expected 200`.
    /// `render` expands templates (for `body_contains`); messages show the template as written, so a
    /// rendered secret never appears in them.
    /// `redact` hides secrets in response text quoted by the message (by default the masking rule without known
    /// values); it runs before the text is clipped, so a secret cut in half by the clip is never left partly in
    /// clear. A value read at a credential-named key (`$.token`) is never quoted.
    /// `headers` are the response headers (needed by `content_type`; see ``readsHeaders``).
    public func failure(
        status: Int, body: [UInt8]?, duration: Duration, render: (Template) -> String,
        redact: (String) -> String = SecretMask().mask, headers: [(name: String, value: String)] = []
    ) -> String? {
        var response = ResponseBody(body)
        return failure(
            status: status, body: &response, duration: duration, render: render, redact: redact, headers: headers)
    }

    func failure(
        status: Int, body: inout ResponseBody, duration: Duration, render: (Template) -> String,
        redact: (String) -> String, headers: [(name: String, value: String)] = []
    ) -> String? {
        switch self {
        case .status(let allowed):
            return allowed.contains { $0.matches(status) }
                ? nil : "status \(status), expected \(Self.alternatives(allowed.map(\.description)))"
        case .bodyContains(let template):
            let needle = Array(render(template).utf8)
            if needle.isEmpty || (body.bytes.map { Self.contains($0, needle) } ?? false) { return nil }
            return "body does not contain \"\(Self.clip(redact(template.description)))\""
        case .json(let path, let expected):
            return Self.jsonFailure(
                path: path, expected: expected, document: body.json(), hasBody: body.bytes != nil, redact: redact)
        case .maxDuration(let limit):
            return duration <= limit ? nil : "took \(duration.shortText), expected at most \(limit.shortText)"
        case .contentType(let expected):
            return Self.contentTypeFailure(expected, headers: headers)
        }
    }

    /// Compares media types without parameters (`application/json; charset=utf-8` is `application/json`).
    private static func contentTypeFailure(_ expected: String, headers: [(name: String, value: String)]) -> String? {
        func essence(_ text: String) -> String {
            (text.split(separator: ";", maxSplits: 1).first.map(String.init) ?? "").trimmingCharacters(in: " ")
                .lowercased()
        }
        guard let header = headers.first(where: { $0.name.equalsIgnoringASCIICase("content-type") }) else {
            return "no content type, expected \(clip(essence(expected)))"
        }
        let actual = essence(header.value)
        return actual == essence(expected) ? nil : "content type \(clip(actual)), expected \(clip(essence(expected)))"
    }

    private static func jsonFailure(
        path: JSONPath, expected: JSONValue, document: JSONValue?, hasBody: Bool, redact: (String) -> String
    ) -> String? {
        let want = clip(redact(expected.serialized()))
        guard let document else {
            return "body is \(hasBody ? "not JSON" : "empty"), expected \(path) = \(want)"
        }
        guard let actual = path.evaluate(in: document) else { return "\(path) is missing, expected \(want)" }
        guard !actual.isEquivalent(to: expected) else { return nil }
        let credential = path.lastKey.map { SecretRules.isSecretName($0, header: true) } ?? false
        let shown = credential ? SecretMask.shown : clip(redact(actual.serialized()))
        return "\(path) is \(shown), expected \(want)"
    }

    /// `200`, `2xx or 304`, `one of 200, 201, 204`.
    static func alternatives(_ codes: [String]) -> String {
        switch codes.count {
        case 0: "none"
        case 1: codes[0]
        case 2: "\(codes[0]) or \(codes[1])"
        default: "one of " + codes.joined(separator: ", ")
        }
    }

    /// Text cut to 60 characters for messages.
    static func clip(_ text: String) -> String {
        text.count <= 60 ? text : String(text.prefix(57)) + "..."
    }

    /// Byte substring search (bodies may not be valid UTF-8).
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count, let first = needle.first else { return needle.isEmpty }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first, haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}

extension Array where Element == Check {
    /// The first failing check's reason, or `nil` when all pass; a JSON body is parsed at most once.
    public func firstFailure(
        status: Int, body: [UInt8]?, duration: Duration, render: (Template) -> String,
        redact: (String) -> String = SecretMask().mask, headers: [(name: String, value: String)] = []
    ) -> String? {
        var response = ResponseBody(body)
        for check in self {
            if let reason = check.failure(
                status: status, body: &response, duration: duration, render: render, redact: redact, headers: headers)
            {
                return reason
            }
        }
        return nil
    }
}
