import Scenario

/// Writes a ``Flow`` in the YAML format `FlowDecoder` reads (README "Flow"), with a stable key order:
/// `name`, method, `query`, `headers`, body, `capture`, `check`. Request steps with an empty name get none
/// (the loader names them `METHOD /path`).
enum FlowYAMLWriter {
    static func write(_ flow: Flow, comments: [String] = []) -> String {
        var lines = comments.map { $0.isEmpty ? "#" : "# \($0)" }
        lines.append("name: \(YAMLText.scalar(flow.name))")
        if !flow.headers.isEmpty {
            lines.append("headers:")
            for header in flow.headers {
                lines.append("  \(YAMLText.scalar(header.name)): \(YAMLText.scalar(header.value.description))")
            }
        }
        if flow.continueOnFailure { lines.append("continue_on_failure: true") }
        lines.append("steps:")
        for step in flow.steps {
            switch step {
            case .request(let r): lines += item(request(r), indent: "  ")
            case .think(let t): lines.append("  - think: \(think(t))")
            case .group(let g):
                lines.append("  - group: \(YAMLText.scalar(g.name))")
                lines.append("    requests:")
                for r in g.requests { lines += item(request(r), indent: "      ") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Lines of a list item: `- ` before the first, two spaces before the rest.
    private static func item(_ body: [String], indent: String) -> [String] {
        body.enumerated().map { i, line in indent + (i == 0 ? "- " : "  ") + line }
    }

    static func request(_ r: RequestStep) -> [String] {
        var lines: [String] = []
        if !r.name.isEmpty { lines.append("name: \(YAMLText.scalar(r.name))") }
        lines.append("\(r.method.lowercased()): \(YAMLText.scalar(r.url.description))")
        if !r.query.isEmpty {
            lines.append("query:")
            for q in r.query { lines.append("  \(YAMLText.scalar(q.name)): \(YAMLText.scalar(q.value.description))") }
        }
        if !r.headers.isEmpty {
            lines.append("headers:")
            for h in r.headers { lines.append("  \(YAMLText.scalar(h.name)): \(YAMLText.scalar(h.value.description))") }
        }
        if let body = r.body { lines += self.body(body) }
        if !r.captures.isEmpty {
            lines.append("capture:")
            for c in r.captures { lines.append("  \(YAMLText.scalar(c.name)): \(capture(c.source))") }
        }
        if !r.checks.isEmpty {
            lines.append("check:")
            lines += checks(r.checks).map { "  " + $0 }
        }
        return lines
    }

    private static func body(_ body: Body) -> [String] {
        switch body {
        case .json(let value):
            let nested = JSONBlock.lines(value)
            return nested.count == 1 && !JSONBlock.isBlock(value)
                ? ["json: \(nested[0])"]
                : ["json:"] + nested.map { "  " + $0 }
        case .form(let items):
            return ["form:"] + items.map { "  \(YAMLText.scalar($0.name)): \(YAMLText.scalar($0.value.description))" }
        case .raw(let template, let type):
            return ["body: \(YAMLText.doubleQuoted(template.description))"]
                + (type.map { ["content_type: \(YAMLText.scalar($0))"] } ?? [])
        }
    }

    private static func capture(_ source: CaptureSource) -> String {
        switch source {
        case .json(let path): "{ json: \(YAMLText.scalar(path.text)) }"
        case .header(let name): "{ header: \(YAMLText.scalar(name)) }"
        case .regex(let pattern): "{ regex: \(YAMLText.singleQuoted(pattern)) }"
        case .cookie(let name): "{ cookie: \(YAMLText.scalar(name)) }"
        }
    }

    private static func checks(_ checks: [Check]) -> [String] {
        var lines: [String] = []
        var jsonChecks: [String] = []
        for check in checks {
            switch check {
            case .status(let codes):
                lines.append(
                    "status: "
                        + (codes.count == 1
                            ? "\(codes[0])" : "[" + codes.map(String.init).joined(separator: ", ") + "]"))
            case .bodyContains(let t): lines.append("body_contains: \(YAMLText.scalar(t.description))")
            case .maxDuration(let d): lines.append("max_duration: \(YAMLText.duration(d))")
            case .contentType(let type): lines.append("content_type: \(YAMLText.scalar(type))")
            case .json(let path, let value):
                jsonChecks.append("  \(YAMLText.scalar(path.text)): \(JSONBlock.inline(value))")
            }
        }
        if !jsonChecks.isEmpty { lines += ["json:"] + jsonChecks }
        return lines
    }

    private static func think(_ t: ThinkTime) -> String {
        t.minimum == t.maximum
            ? YAMLText.duration(t.minimum)
            : YAMLText.duration(t.minimum) + ".." + YAMLText.duration(t.maximum)
    }
}

/// JSON values as YAML: block mappings and lists, scalars typed so YAML reads back the same JSON.
enum JSONBlock {
    /// Whether the value is written on lines of its own (a non-empty object or list).
    static func isBlock(_ value: JSONValue) -> Bool {
        switch value {
        case .object(let m): !m.isEmpty
        case .array(let a): !a.isEmpty
        default: false
        }
    }

    /// A scalar or an empty container on one line.
    static func inline(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number: YAMLText.number(value)
        case .string(let s): YAMLText.scalar(s)
        case .array(let items): items.isEmpty ? "[]" : "[" + items.map(inline).joined(separator: ", ") + "]"
        case .object(let members):
            members.isEmpty
                ? "{}"
                : "{ " + members.map { "\(YAMLText.scalar($0.0)): \(inline($0.1))" }.joined(separator: ", ") + " }"
        }
    }

    /// The value's lines, unindented.
    static func lines(_ value: JSONValue) -> [String] {
        switch value {
        case .object(let members) where !members.isEmpty:
            return members.flatMap { key, member -> [String] in
                isBlock(member)
                    ? ["\(YAMLText.scalar(key)):"] + lines(member).map { "  " + $0 }
                    : ["\(YAMLText.scalar(key)): \(inline(member))"]
            }
        case .array(let items) where !items.isEmpty:
            return items.flatMap { item -> [String] in
                guard isBlock(item) else { return ["- \(inline(item))"] }
                let sub = lines(item)
                return ["- " + sub[0]] + sub.dropFirst().map { "  " + $0 }
            }
        default:
            return [inline(value)]
        }
    }
}
