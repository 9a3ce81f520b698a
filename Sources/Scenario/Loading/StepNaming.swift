/// Gives every request and group of a flow a unique name.
///
/// A request without `name:` is called "METHOD path" (the URL as written, without the query). When default
/// names collide, later ones get ` #2`, ` #3`, …; two explicit names that collide are an error.
enum StepNaming {
    static func assignNames(_ steps: inout [StepDraft]) throws(ScenarioError) {
        var used: [String: YAMLValue] = [:]
        for step in steps {
            switch step {
            case .request(let r): try claim(r.explicitName, r.step.name, in: &used)
            case .group(let g):
                try claim(g.nameValue, g.name, in: &used)
                for r in g.requests { try claim(r.explicitName, r.step.name, in: &used) }
            case .think: break
            }
        }
        var names = Set(used.keys)
        for index in steps.indices {
            switch steps[index] {
            case .request(var r):
                nameIfNeeded(&r, names: &names)
                steps[index] = .request(r)
            case .group(var g):
                for i in g.requests.indices { nameIfNeeded(&g.requests[i], names: &names) }
                steps[index] = .group(g)
            case .think: break
            }
        }
    }

    /// The default name: `GET /api/me` for `get: /api/me?x=1`.
    static func defaultName(method: String, url: Template) -> String {
        let written = url.description
        let path = written.firstIndex(of: "?").map { String(written[..<$0]) } ?? written
        return "\(method) \(path)"
    }

    private static func claim(_ value: YAMLValue?, _ name: String, in used: inout [String: YAMLValue])
        throws(ScenarioError)
    {
        guard let value else { return }
        if let first = used[name] {
            let line = first.location.map { " (first used on line \($0.line))" } ?? ""
            throw value.error(
                "duplicate step name \"\(name)\"\(line)", hint: "step and group names must be unique within a flow")
        }
        used[name] = value
    }

    private static func nameIfNeeded(_ draft: inout RequestDraft, names: inout Set<String>) {
        guard draft.explicitName == nil else { return }
        let base = defaultName(method: draft.step.method, url: draft.step.url)
        var name = base
        var counter = 2
        while names.contains(name) {
            name = "\(base) #\(counter)"
            counter += 1
        }
        names.insert(name)
        draft.step.name = name
    }
}
