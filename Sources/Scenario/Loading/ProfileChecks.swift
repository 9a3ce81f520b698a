import CurlURL

/// Checks that need the whole profile: every `{{env.NAME}}` is set, every `{{role.FIELD}}` exists in every
/// role, and every fully written step URL goes to an allowed host.
struct ProfileChecks {
    let environment: [String: String]
    let target: Target
    let roles: [RoleDraft]

    /// Checks every usage; each problem is collected once (a variable unset in ten places is one error).
    func validate(_ usages: [TemplateUsage], into errors: inout ErrorCollector) {
        let allFields = Set(roles.flatMap { $0.role.accounts.first?.keys.map { $0 } ?? [] })
        var reported: Set<String> = []
        for usage in usages {
            for variable in usage.template.variables {
                let problem = ErrorCollector.catching { () throws(ScenarioError) in
                    switch variable {
                    case .env(let name): try checkEnvironment(name, usage)
                    case .role(let field): try checkRoleField(field, usage, allFields: allFields)
                    default: break
                    }
                }
                if let problem, reported.insert(problem.message).inserted { errors.add(problem) }
            }
            if usage.isURL { _ = errors.attempt { () throws(ScenarioError) in try checkHost(usage) } }
        }
    }

    private func checkEnvironment(_ name: String, _ usage: TemplateUsage) throws(ScenarioError) {
        guard environment[name] == nil else { return }
        throw usage.error("environment variable \(name) is not set", hint: "export \(name)=…")
    }

    /// The field must exist in some role (else "did you mean"), then in every role.
    private func checkRoleField(_ field: String, _ usage: TemplateUsage, allFields: Set<String>) throws(ScenarioError) {
        guard allFields.contains(field) else {
            let hint =
                Suggestions.didYouMean(field, in: allFields.sorted(), format: { "{{role.\($0)}}" })
                ?? "the roles define " + allFields.sorted().map { "{{role.\($0)}}" }.joined(separator: ", ")
            throw usage.error("unknown role field {{role.\(field)}}", hint: hint)
        }
        for draft in roles where draft.role.accounts.first?[field] == nil {
            let place = usage.location.map { " (used at \($0))" } ?? ""
            throw draft.value.error(
                "role \(draft.role.name) has no field \"\(field)\"\(place)",
                hint: "every role must define the fields the flows use; add \(field) to roles.\(draft.role.name)")
        }
    }

    private func checkHost(_ usage: TemplateUsage) throws(ScenarioError) {
        guard let host = Self.literalHost(of: usage.template), !target.allowHosts.contains(host) else { return }
        throw usage.error(
            "host \(host) is not in target.allow_hosts",
            hint: "allowed hosts: " + target.allowHosts.joined(separator: ", ")
                + "; add \(host) to target.allow_hosts if it belongs to the test")
    }

    /// The host of a step URL whose text up to its first placeholder already fixes the host
    /// (`https://cdn.example/{{path}}`), as libcurl reads it; `nil` for a path, or when a placeholder may still
    /// change the host (`https://{{env.HOST}}/`, `https://cdn.example{{suffix}}`), which the engine checks when
    /// it sends. The host is fixed when appending `@x.invalid` does not change it: inside the authority that
    /// text would turn what came before into user info.
    static func literalHost(of url: Template) -> String? {
        guard case .literal(let text)? = url.parts.first, let host = ParsedURL(text)?.host else { return nil }
        if url.parts.count > 1, ParsedURL(text + "@x.invalid")?.host != host { return nil }
        return host
    }
}
