import Scenario

/// Turns the credentials of the recorded user into role fields: the `--role-fields` (e.g. `email`,
/// `password`) of any JSON or form body become `{{role.email}}`, `{{role.password}}`, and the same recorded
/// values anywhere else in later requests (an e-mail in a query) become the same placeholders.
struct RoleFields {
    /// The requested field names, lower-cased.
    private let names: [String]
    /// Recorded value → role field.
    private var byValue: [String: String] = [:]
    /// Field names found in the recording, in the order found.
    private(set) var found: [String] = []

    init(names: [String]) {
        self.names = names.map { $0.lowercased() }.filter { !$0.isEmpty }
    }

    mutating func rewrite(_ draft: inout DraftRequest) {
        draft.rewrite { site in
            guard site.kind == .bodyField, names.contains(site.name), !site.value.isEmpty else { return nil }
            if byValue[site.value] == nil { byValue[site.value] = site.name }
            if !found.contains(site.name) { found.append(site.name) }
            return Template(.role(byValue[site.value]!))
        }
        guard !byValue.isEmpty else { return }
        draft.rewrite { site in
            if site.kind == .rawBody {
                var template = Template(literal: site.value)
                for (value, field) in byValue.sorted(by: { $0.key.count > $1.key.count }) where value.count >= 4 {
                    template = template.replacing(value, with: .role(field))
                }
                return template.isLiteral ? nil : template
            }
            guard site.value.count >= 4, let field = byValue[site.value] else { return nil }
            return Template(.role(field))
        }
    }
}
