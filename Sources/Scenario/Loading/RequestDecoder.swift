import CurlURL

/// A request step as decoded, before names are made unique and template references are checked.
struct RequestDraft {
    var step: RequestStep
    /// The `name:` value when the flow names the step.
    var explicitName: YAMLValue?
    /// The templates the step uses, with their locations.
    var usages: [TemplateUsage]
    /// The step's field path, e.g. `steps[2]` or `steps[3].requests[0]`.
    var path: String
    var value: YAMLValue
}

/// Decodes one request step: exactly one method key, then query, headers, body, captures and checks.
struct RequestDecoder {
    static let methods = ["get", "post", "put", "patch", "delete", "head", "options"]
    static let keys =
        ["name"] + methods + ["query", "headers", "json", "form", "body", "content_type", "capture", "check"]
        + ["timeout", "follow_redirects", "spinner"]
    /// The most redirects a step may follow (browsers stop at 20).
    static let maxRedirects = 20

    private var recorder = TemplateRecorder()

    static func decode(_ value: YAMLValue) throws(ScenarioError) -> RequestDraft {
        var decoder = RequestDecoder()
        return try decoder.decode(value)
    }

    private mutating func decode(_ value: YAMLValue) throws(ScenarioError) -> RequestDraft {
        let map = try value.mapping(allowed: Self.keys)
        let (method, urlValue) = try Self.method(in: map)
        let url = try recorder.template(urlValue, isURL: true)
        try Self.checkURLShape(url, at: urlValue)
        var step = RequestStep(name: "", method: method.uppercased(), url: url, source: value.location)
        step.query = try recorder.pairs(map["query"]).map { QueryItem(name: $0.0, value: $0.1) }
        step.headers = try recorder.headers(map["headers"])
        step.body = try body(map)
        step.captures = try CaptureDecoder.captures(map["capture"])
        step.checks = try CheckDecoder.checks(map["check"], recorder: &recorder)
        if let name = map["name"] { step.name = try name.nonEmptyString() }
        try Self.limits(map, into: &step)
        return RequestDraft(
            step: step, explicitName: map["name"], usages: recorder.usages, path: value.path, value: value)
    }

    /// `timeout:`, `spinner:` and `follow_redirects:` of one step.
    private static func limits(_ map: YAMLMap, into step: inout RequestStep) throws(ScenarioError) {
        if let v = map["timeout"] { step.timeout = try LoadDecoder.positive(v) }
        if let v = map["spinner"] { step.spinner = try LoadDecoder.positive(v) }
        if let v = map["follow_redirects"] {
            let n = try v.int()
            guard (0...maxRedirects).contains(n) else {
                throw v.error(
                    "follow_redirects must be from 0 to \(maxRedirects), found \(n)",
                    hint: "browsers give up after 20 redirects; 0 checks the redirect itself")
            }
            step.followRedirects = n
        }
    }

    /// The one method key and its URL value.
    private static func method(in map: YAMLMap) throws(ScenarioError) -> (String, YAMLValue) {
        let present = map.entries.filter { methods.contains($0.key) }
        guard let first = present.first else {
            throw map.owner.error(
                "missing method: a request step needs one of " + methods.joined(separator: ", "),
                hint: "e.g. get: /api/me")
        }
        if present.count > 1 {
            throw present[1].keyNode.error(
                "two methods (\(first.key) and \(present[1].key)) in one step", hint: "split them into two steps")
        }
        return (first.key, first.value)
    }

    /// A URL is a path (`/api/me`), an absolute http(s) URL (as libcurl reads it, when fully written out), or
    /// starts with a placeholder.
    private static func checkURLShape(_ url: Template, at value: YAMLValue) throws(ScenarioError) {
        guard case .literal(let text)? = url.parts.first else {
            if url.parts.isEmpty { throw value.error("the URL is empty", hint: "e.g. get: /api/me") }
            return
        }
        if text.hasPrefix("/") { return }
        if url.isLiteral, URLJoin.isAbsolute(text) {
            do {
                _ = try ParsedURL.parse(text)
            } catch {
                throw value.error("bad URL \"\(text)\": \(error.message)", hint: "e.g. get: https://api.example.com/me")
            }
            return
        }
        // Scheme only: with a placeholder to come, the rest is read when the request is sent.
        let lowered = text.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else {
            throw value.error(
                "bad URL \"\(text)\" — expected a path starting with / or an http(s) URL",
                hint: "paths are joined to target.base_url, e.g. /api/me")
        }
    }

    /// At most one of `json`, `form`, `body` (with optional `content_type`).
    private mutating func body(_ map: YAMLMap) throws(ScenarioError) -> Body? {
        let kinds = map.entries.filter { ["json", "form", "body"].contains($0.key) }
        if kinds.count > 1 {
            throw kinds[1].keyNode.error(
                "a step has one body: \(kinds[0].key) and \(kinds[1].key) both given",
                hint: "use one of json, form or body")
        }
        if let contentType = map.keyNode("content_type"), kinds.first?.key != "body" {
            throw contentType.error(
                "content_type goes with body", hint: "json and form set their own content type")
        }
        guard let kind = kinds.first else { return nil }
        switch kind.key {
        case "json":
            var templates: TemplateRecorder? = recorder
            let value = try kind.value.jsonValue(recorder: &templates)
            recorder = templates ?? recorder
            return .json(value)
        case "form":
            return .form(try recorder.pairs(kind.value).map { QueryItem(name: $0.0, value: $0.1) })
        default:
            let contentType = try map["content_type"].map { v throws(ScenarioError) in
                let text = try v.nonEmptyString()
                guard !HeaderText.breaksLine(text) else { throw v.error("content_type holds a line break or NUL") }
                return text
            }
            return .raw(try recorder.template(kind.value), contentType: contentType)
        }
    }
}
