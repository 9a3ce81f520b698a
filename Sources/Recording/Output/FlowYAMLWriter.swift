import Scenario
import Yams

/// Writes a ``Flow`` in the YAML format `FlowDecoder` reads (README "Flow"), with a stable key order:
/// `name`, method, `query`, `headers`, body, `capture`, `check`. Request steps with an empty name get none
/// (the loader names them `METHOD /path`). Quoting is Yams' (``YAMLTree``).
enum FlowYAMLWriter {
    static func write(_ flow: Flow, comments: [String] = []) throws -> String {
        var top: [(String, Node)] = [("name", YAMLTree.string(flow.name))]
        if !flow.headers.isEmpty { top.append(("headers", fields(flow.headers.map { ($0.name, $0.value) }))) }
        if flow.continueOnFailure { top.append(("continue_on_failure", Node("true", Tag(.bool)))) }
        top.append(("steps", YAMLTree.list(flow.steps.map(step))))
        return try YAMLTree.document(YAMLTree.map(top), comments: comments)
    }

    private static func step(_ step: Step) -> Node {
        switch step {
        case .request(let r): request(r)
        case .think(let t): YAMLTree.map([("think", YAMLTree.string(think(t)))])
        case .group(let g):
            YAMLTree.map([("group", YAMLTree.string(g.name)), ("requests", YAMLTree.list(g.requests.map(request)))])
        }
    }

    static func request(_ r: RequestStep) -> Node {
        var pairs: [(String, Node)] = []
        if !r.name.isEmpty { pairs.append(("name", YAMLTree.string(r.name))) }
        pairs.append((r.method.lowercased(), YAMLTree.string(r.url.description)))
        if !r.query.isEmpty { pairs.append(("query", fields(r.query.map { ($0.name, $0.value) }))) }
        if !r.headers.isEmpty { pairs.append(("headers", fields(r.headers.map { ($0.name, $0.value) }))) }
        if let body = r.body { pairs += self.body(body) }
        if !r.captures.isEmpty {
            pairs.append(("capture", YAMLTree.map(r.captures.map { ($0.name, capture($0.source)) })))
        }
        if !r.checks.isEmpty { pairs.append(("check", checks(r.checks))) }
        return YAMLTree.map(pairs)
    }

    /// Names and templates (headers, query, form), in order.
    private static func fields(_ items: [(String, Template)]) -> Node {
        YAMLTree.map(items.map { ($0.0, YAMLTree.string($0.1.description)) })
    }

    private static func body(_ body: Body) -> [(String, Node)] {
        switch body {
        case .json(let value): [("json", value.yamlNode(inline: false))]
        case .form(let items): [("form", fields(items.map { ($0.name, $0.value) }))]
        case .raw(let template, let type):
            [("body", YAMLTree.string(template.description))]
                + (type.map { [("content_type", YAMLTree.string($0))] } ?? [])
        }
    }

    private static func capture(_ source: CaptureSource) -> Node {
        let pair: (String, String) =
            switch source {
            case .json(let path): ("json", path.text)
            case .header(let name): ("header", name)
            case .regex(let pattern): ("regex", pattern)
            case .cookie(let name): ("cookie", name)
            }
        return YAMLTree.map([(pair.0, YAMLTree.string(pair.1))], flow: true)
    }

    private static func checks(_ checks: [Check]) -> Node {
        var pairs: [(String, Node)] = []
        var jsonChecks: [(String, Node)] = []
        for check in checks {
            switch check {
            case .status(let patterns):
                let nodes = patterns.map(status)
                pairs.append(("status", nodes.count == 1 ? nodes[0] : YAMLTree.list(nodes, flow: true)))
            case .bodyContains(let t): pairs.append(("body_contains", YAMLTree.string(t.description)))
            case .maxDuration(let d): pairs.append(("max_duration", YAMLTree.string(YAMLText.duration(d))))
            case .contentType(let type): pairs.append(("content_type", YAMLTree.string(type)))
            case .json(let path, let value): jsonChecks.append((path.text, value.yamlNode(inline: true)))
            }
        }
        if !jsonChecks.isEmpty { pairs.append(("json", YAMLTree.map(jsonChecks))) }
        return YAMLTree.map(pairs)
    }

    /// `200` as a number, `2xx` as text.
    private static func status(_ pattern: StatusPattern) -> Node {
        switch pattern {
        case .code(let code): YAMLTree.int(code)
        case .statusClass: YAMLTree.string(pattern.description)
        }
    }

    private static func think(_ t: ThinkTime) -> String {
        t.minimum == t.maximum
            ? YAMLText.duration(t.minimum)
            : YAMLText.duration(t.minimum) + ".." + YAMLText.duration(t.maximum)
    }
}
