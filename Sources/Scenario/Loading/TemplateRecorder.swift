/// Where a template was written, kept while loading so later checks (captures, environment, roles,
/// allowed hosts) can report the exact file, line and field.
struct TemplateUsage {
    var template: Template
    var location: SourceLocation?
    var file: String
    var field: String
    /// The template is a request URL (checked against `target.allow_hosts`).
    var isURL = false

    func error(_ message: String, hint: String? = nil) -> ScenarioError {
        ScenarioError(at: location, file: file, field: field, message: message, hint: hint)
    }
}

/// Parses templates out of YAML values and records where each was written.
struct TemplateRecorder {
    private(set) var usages: [TemplateUsage] = []

    /// A string value parsed as a template; syntax errors are located at the value.
    mutating func template(_ value: YAMLValue, isURL: Bool = false) throws(ScenarioError) -> Template {
        try template(text: value.string(), at: value, isURL: isURL)
    }

    /// `text` (read from `value`) parsed as a template.
    mutating func template(text: String, at value: YAMLValue, isURL: Bool = false) throws(ScenarioError) -> Template {
        let template: Template
        do {
            template = try Template.parseIfNeeded(text)
        } catch {
            throw value.error(error.message, hint: error.hint)
        }
        if !template.isLiteral || isURL {
            usages.append(
                TemplateUsage(
                    template: template, location: value.location, file: value.file, field: value.path, isURL: isURL))
        }
        return template
    }

    /// `headers:`: names that are HTTP tokens, values whose text holds no line break or NUL (placeholders are
    /// checked when the request is rendered).
    mutating func headers(_ value: YAMLValue?) throws(ScenarioError) -> [Header] {
        guard let value else { return [] }
        var out: [Header] = []
        for entry in try value.mapping(allowed: nil).entries {
            if let problem = HeaderText.nameProblem(entry.key) {
                throw entry.keyNode.error(
                    "\(problem)", hint: "header names are letters, digits and - (e.g. X-Request-Id)")
            }
            let template = try template(entry.value)
            for case .literal(let text) in template.parts where HeaderText.breaksLine(text) {
                throw entry.value.error(
                    "the value of header \(entry.key) holds a line break or NUL",
                    hint: "a header is one line: a line break would start another header")
            }
            out.append(Header(name: entry.key, value: template))
        }
        return out
    }

    /// A mapping of names to template values (`headers`, `query`, `form`), in file order.
    mutating func pairs(_ value: YAMLValue?) throws(ScenarioError) -> [(String, Template)] {
        guard let value else { return [] }
        var out: [(String, Template)] = []
        for entry in try value.mapping(allowed: nil).entries {
            out.append((entry.key, try template(entry.value)))
        }
        return out
    }
}
