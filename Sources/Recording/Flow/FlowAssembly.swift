import Scenario

/// Turns rewritten drafts into the flow model that `FlowDecoder` produces from YAML.
enum FlowAssembly {
    static func requestStep(_ draft: DraftRequest, captures: [Capture], checks: [Check]) -> RequestStep {
        var query: [QueryItem] = []
        var url = draft.urlOverride ?? path(draft)
        if draft.urlOverride == nil {
            switch draft.query {
            case .none: break
            case .items(let items): query = items.map { QueryItem(name: $0.name, value: $0.value) }
            case .raw(let pairs):
                url = Template(parts: url.parts + [.literal("?")] + RawQueryPair.join(pairs).parts).merged
            }
        }
        var headers = draft.headers.map { Header(name: $0.name, value: $0.value) }
        if case .json(let json, let type?) = draft.body, !json.hasTemplatedNumber,
            MediaType.essence(type) != "application/json"
        {
            // A `json:` body is sent as `application/json`; the header keeps what was recorded
            // (`text/plain;charset=UTF-8` from `fetch`, `application/merge-patch+json`).
            headers.append(Header(name: "Content-Type", value: Template(literal: type)))
        }
        return RequestStep(
            name: "", method: draft.method, url: url, query: query, headers: headers, body: draft.body.map(body),
            captures: captures, checks: checks)
    }

    /// `{{env.API_BASE_URL}}/api/tasks/{{task_id}}`, or a path for the main origin.
    static func path(_ draft: DraftRequest) -> Template {
        var parts: [Template.Part] = draft.originVariable.map { [.variable(.env($0))] } ?? []
        for (i, segment) in draft.path.enumerated() {
            if i > 0 { parts.append(.literal("/")) }
            parts += segment.parts
        }
        return Template(parts: parts).merged
    }

    static func body(_ body: DraftBody) -> Body {
        switch body {
        case .form(let fields): return .form(fields.map { QueryItem(name: $0.name, value: $0.value) })
        case .raw(let template, let type): return .raw(template, contentType: type)
        case .json(let json, let type):
            // A number replaced by a capture (or too long for a `Double`) must be sent as a number, which a
            // `json:` body cannot do (its placeholders live in strings): such a body is written as JSON text.
            guard json.hasTemplatedNumber else { return .json(json.value) }
            var parts: [Template.Part] = []
            json.writeText(to: &parts)
            return .raw(Template(parts: parts).merged, contentType: type ?? "application/json")
        }
    }

    /// Moves headers every request sends alike (and that use no capture) to the flow's `headers:`.
    static func hoistCommonHeaders(_ steps: inout [Step]) -> [Header] {
        var requests: [RequestStep] = []
        for step in steps {
            switch step {
            case .request(let r): requests.append(r)
            case .group(let g): requests += g.requests
            case .think: break
            }
        }
        guard requests.count >= 2, let first = requests.first else { return [] }
        let common = first.headers.filter { header in
            !header.value.variables.contains { if case .capture = $0 { true } else { false } }
                && requests.allSatisfy { $0.headers.contains(header) }
        }
        guard !common.isEmpty else { return [] }
        func strip(_ r: RequestStep) -> RequestStep {
            var r = r
            r.headers.removeAll { common.contains($0) }
            return r
        }
        steps = steps.map { step -> Step in
            switch step {
            case .request(let r): return .request(strip(r))
            case .group(var g):
                g.requests = g.requests.map(strip)
                return .group(g)
            case .think: return step
            }
        }
        return common
    }
}

extension Template {
    /// Adjacent literal parts joined (so equal texts compare equal however they were built).
    var merged: Template {
        var out: [Part] = []
        for part in parts {
            if case .literal(let b) = part, case .literal(let a)? = out.last {
                out[out.count - 1] = .literal(a + b)
            } else if case .literal(let s) = part, s.isEmpty {
                continue
            } else {
                out.append(part)
            }
        }
        return Template(parts: out)
    }
}

extension DraftJSON {
    var hasTemplatedNumber: Bool {
        switch self {
        case .template(_, let wasNumber): wasNumber
        case .value: false
        case .array(let items): items.contains(where: \.hasTemplatedNumber)
        case .object(let members): members.contains { $0.1.hasTemplatedNumber }
        }
    }

    /// The JSON value, with templated leaves as template text (`"{{task_id}}"`).
    var value: JSONValue {
        switch self {
        case .value(let v): v
        case .template(let t, _): .string(t.description)
        case .array(let items): .array(items.map(\.value))
        case .object(let members): .object(members.map { ($0.0, $0.1.value) })
        }
    }

    /// Compact JSON text with placeholders in place: unquoted for numbers, inside quotes for strings.
    func writeText(to parts: inout [Template.Part]) {
        switch self {
        case .value(let v): parts.append(.literal(v.serialized()))
        case .template(let t, let wasNumber):
            if wasNumber {
                parts += t.parts
                return
            }
            parts.append(.literal("\""))
            for part in t.parts {
                if case .literal(let s) = part {
                    parts.append(.literal(String(JSONValue.string(s).serialized().dropFirst().dropLast())))
                } else {
                    parts.append(part)
                }
            }
            parts.append(.literal("\""))
        case .array(let items):
            parts.append(.literal("["))
            for (i, item) in items.enumerated() {
                if i > 0 { parts.append(.literal(",")) }
                item.writeText(to: &parts)
            }
            parts.append(.literal("]"))
        case .object(let members):
            parts.append(.literal("{"))
            for (i, (key, member)) in members.enumerated() {
                parts.append(.literal((i > 0 ? "," : "") + JSONValue.string(key).serialized() + ":"))
                member.writeText(to: &parts)
            }
            parts.append(.literal("}"))
        }
    }
}
