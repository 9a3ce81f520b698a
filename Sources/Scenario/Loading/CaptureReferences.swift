/// Checks that every `{{NAME}}` a request uses was captured by an earlier step of the same flow — not by a
/// sibling in the same parallel group, and not by a later step.
enum CaptureReferences {
    static func validate(_ steps: [StepDraft], flowHeaders: [TemplateUsage]) throws(ScenarioError) {
        let all = allCaptures(steps)
        for usage in flowHeaders {
            for case .capture(let name) in usage.template.variables {
                throw usage.error(
                    "flow headers cannot use the capture {{\(name)}}",
                    hint: "flow headers are sent from the first request on; set it in the steps' headers")
            }
        }
        var known: Set<String> = []
        for step in steps {
            switch step {
            case .request(let r):
                try check(r, known: known, siblings: [:], all: all)
                known.formUnion(r.step.captures.map(\.name))
            case .group(let g):
                var siblings: [String: String] = [:]
                for r in g.requests { for c in r.step.captures { siblings[c.name] = r.step.name } }
                for r in g.requests { try check(r, known: known, siblings: siblings, all: all) }
                known.formUnion(siblings.keys)
            case .think: break
            }
        }
    }

    /// Every capture name in the flow → the step that makes it (first one).
    private static func allCaptures(_ steps: [StepDraft]) -> [String: String] {
        var out: [String: String] = [:]
        func add(_ r: RequestDraft) { for c in r.step.captures where out[c.name] == nil { out[c.name] = r.step.name } }
        for step in steps {
            switch step {
            case .request(let r): add(r)
            case .group(let g): g.requests.forEach(add)
            case .think: break
            }
        }
        return out
    }

    private static func check(_ r: RequestDraft, known: Set<String>, siblings: [String: String], all: [String: String])
        throws(ScenarioError)
    {
        for usage in r.usages {
            for case .capture(let name) in usage.template.variables where !known.contains(name) {
                throw error(name, usage: usage, step: r.step.name, known: known, siblings: siblings, all: all)
            }
        }
    }

    private static func error(
        _ name: String, usage: TemplateUsage, step: String, known: Set<String>, siblings: [String: String],
        all: [String: String]
    ) -> ScenarioError {
        if let sibling = siblings[name] {
            return usage.error(
                "{{\(name)}} is captured in the same group (by \"\(sibling)\"); groups run in parallel",
                hint: "capture it in a step before the group")
        }
        if all[name] == step {
            return usage.error(
                "{{\(name)}} is captured by this same step", hint: "a capture is available from the next step on")
        }
        if let later = all[name] {
            return usage.error(
                "{{\(name)}} is captured by a later step (\"\(later)\")",
                hint: "a step can only use captures of earlier steps")
        }
        let candidates = known.sorted() + ["vu", "iteration", "arrival"]
        if let suggestion = Suggestions.didYouMean(name, in: candidates, format: { "{{\($0)}}" }) {
            return usage.error("unknown variable {{\(name)}} in step \"\(step)\"", hint: suggestion)
        }
        return usage.error(
            "unknown variable {{\(name)}} in step \"\(step)\"",
            hint:
                "no earlier step captures \"\(name)\"; add capture: { \(name): { json: $.\(name) } } to an earlier step"
        )
    }
}
