/// Decodes a request's `check:` mapping: `status` (codes or classes such as `2xx`), `body_contains`, `json`
/// (path → value), `max_duration`, `content_type`.
enum CheckDecoder {
    static let keys = ["status", "body_contains", "json", "max_duration", "content_type"]

    static func checks(_ value: YAMLValue?, recorder: inout TemplateRecorder) throws(ScenarioError) -> [Check] {
        guard let value else { return [] }
        var checks: [Check] = []
        for entry in try value.mapping(allowed: keys).entries {
            switch entry.key {
            case "status":
                checks.append(.status(try statuses(entry.value)))
            case "body_contains":
                checks.append(.bodyContains(try recorder.template(entry.value)))
            case "json":
                checks += try jsonChecks(entry.value)
            case "content_type":
                checks.append(.contentType(try entry.value.nonEmptyString()))
            default:
                checks.append(.maxDuration(try entry.value.duration()))
            }
        }
        return checks
    }

    /// `200`, `2xx` or a list such as `[200, 201]` or `[2xx, 304]`; codes between 100 and 599, classes 1xx–5xx.
    private static func statuses(_ value: YAMLValue) throws(ScenarioError) -> [StatusPattern] {
        let items: [YAMLValue]
        if case .sequence = value.node { items = try value.list() } else { items = [value] }
        guard !items.isEmpty else {
            throw value.error("expected a status such as 200, a class such as 2xx, or a list [200, 201]")
        }
        var patterns: [StatusPattern] = []
        for item in items {
            let text = try item.string()
            guard let pattern = StatusPattern(text) else {
                if let code = Int(text) {
                    throw item.error("\(code) is not an HTTP status", hint: "statuses are between 100 and 599")
                }
                throw item.error(
                    "expected a status such as 200 or a class such as 2xx, found \(item.foundDescription)",
                    hint: "classes are 1xx, 2xx, 3xx, 4xx and 5xx")
            }
            patterns.append(pattern)
        }
        return patterns
    }

    /// `{ $.ok: true, $.items[0].id: 7 }` → one check per path, in file order.
    private static func jsonChecks(_ value: YAMLValue) throws(ScenarioError) -> [Check] {
        var checks: [Check] = []
        var noTemplates: TemplateRecorder? = nil
        for entry in try value.mapping(allowed: nil).entries {
            let path = try CaptureDecoder.jsonPath(entry.keyNode)
            checks.append(.json(path, try entry.value.jsonValue(recorder: &noTemplates)))
        }
        return checks
    }
}
