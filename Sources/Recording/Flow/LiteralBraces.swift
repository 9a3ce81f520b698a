import Scenario

/// Recorded text that contains `{{`, which a flow would read as the start of a placeholder and which the
/// format cannot escape: such a value is read from an environment variable instead, and the report says so.
///
/// Runs before any other rewriting, on every value of the request (path segments, query, headers, cookies,
/// body), so no rule can turn part of such a value into a placeholder and leave the rest to be misread.
/// Names (query, form and JSON keys) are not covered: a `{{` there is left as recorded.
struct LiteralBraces {
    /// One value moved to the environment: the request it is in, where, and the variable.
    private var moved: [(position: Int, site: String, variable: String)] = []
    private var byValue: [String: String] = [:]

    mutating func rewrite(_ draft: inout DraftRequest) {
        let position = draft.position
        // Path segments with escapes are skipped by `rewrite` (captures go in as they are), not here.
        for i in draft.path.indices {
            guard let text = draft.path[i].literalText, text.contains("{{") else { continue }
            draft.path[i] = Template(.env(variable(for: text, site: "path", position: position)))
        }
        draft.rewrite { site in
            guard site.value.contains("{{") else { return nil }
            return Template(.env(variable(for: site.value, site: site.name, position: position)))
        }
    }

    /// The notes for the report, naming each request by `label` (computed once secrets are scrubbed).
    func notes(label: (Int) -> String) -> [String] {
        moved.map { entry in
            "\(entry.site) of \(label(entry.position)) contains \"{{\", which a flow reads as a placeholder: "
                + "set \(entry.variable) to the recorded text"
        }
    }

    private mutating func variable(for value: String, site: String, position: Int) -> String {
        if let name = byValue[value] { return name }
        let name = UniqueName.make("TEXT_" + EnvName.make(site), isTaken: Set(byValue.values).contains)
        byValue[value] = name
        moved.append((position, site, name))
        return name
    }
}
