import Scenario
import Secrets

extension SecretMask {
    /// The secrets a run knows before it starts: role fields marked secret (and `{ env: … }` fields), environment
    /// values the flows read, and literal values the flows send under a credential name (an API key written into a
    /// header). Values captured while the run goes are learned by each engine thread (`learn`).
    public init(profile: Profile, environment: [String: String]) {
        var found: [String] = []
        for role in profile.roles {
            for account in role.accounts {
                for (field, value) in account where role.secretFields.contains(field) { found.append(value) }
            }
        }
        for name in EnvironmentReferences.names(in: profile) {
            if let value = environment[name] { found.append(value) }
        }
        for flow in profile.flows {
            for header in flow.headers + flow.steps.flatMap(EnvironmentReferences.requests).flatMap(\.headers)
            where SecretRules.isSecretName(header.name, header: true) {
                found += header.value.parts.compactMap {
                    if case .literal(let text) = $0 { Self.credential(text) } else { nil }
                }
            }
        }
        self.init(values: found)
    }

    /// The credential in a literal header text: after an auth scheme (`Bearer abc` → `abc`), else all of it.
    private static func credential(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for scheme in ["Bearer ", "Basic ", "Digest ", "Token "]
        where trimmed.lowercased().hasPrefix(scheme.lowercased()) {
            return String(trimmed.dropFirst(scheme.count)).trimmingCharacters(in: .whitespaces)
        }
        return trimmed
    }
}

extension CompiledFlow {
    /// The captures of `flow` whose values are credentials: sent in a credential header or a credential-named query
    /// parameter, named like one, or read from a credential-named key, header or cookie. What they capture is
    /// learned as a secret when captured.
    static func secretCaptures(of flow: Flow) -> Set<String> {
        var names = Set<String>()
        let requests = flow.steps.flatMap(EnvironmentReferences.requests)
        for header in flow.headers + requests.flatMap(\.headers)
        where SecretRules.isSecretName(header.name, header: true) {
            for case .capture(let name) in header.value.variables { names.insert(name) }
        }
        for item in requests.flatMap(\.query) where SecretRules.isSecretName(item.name, header: false) {
            for case .capture(let name) in item.value.variables { names.insert(name) }
        }
        for capture in requests.flatMap(\.captures) where isCredential(capture) { names.insert(capture.name) }
        return names
    }

    private static func isCredential(_ capture: Capture) -> Bool {
        if SecretRules.isSecretName(capture.name, header: false) { return true }
        switch capture.source {
        case .json(let path): return path.lastKey.map { SecretRules.isSecretName($0, header: true) } ?? false
        case .header(let name): return SecretRules.isSecretName(name, header: true)
        case .cookie: return true
        case .regex: return false
        }
    }
}

/// The `{{env.NAME}}` names a profile's flows read, anywhere a template can stand.
enum EnvironmentReferences {
    static func names(in profile: Profile) -> Set<String> {
        var names = Set<String>()
        for flow in profile.flows {
            for template in flow.headers.map(\.value) + flow.steps.flatMap(requests).flatMap(templates) {
                for case .env(let n) in template.variables { names.insert(n) }
            }
        }
        return names
    }

    static func requests(_ step: Step) -> [RequestStep] {
        switch step {
        case .request(let r): [r]
        case .group(let g): g.requests
        case .think: []
        }
    }

    private static func templates(_ r: RequestStep) -> [Template] {
        var out = [r.url] + r.headers.map(\.value) + r.query.map(\.value)
        switch r.body {
        case .raw(let t, _): out.append(t)
        case .form(let items): out += items.map(\.value)
        case .json(let value): out += strings(in: value).compactMap { try? Template.parse($0) }
        case nil: break
        }
        for case .bodyContains(let t) in r.checks { out.append(t) }
        return out
    }

    private static func strings(in value: JSONValue) -> [String] {
        switch value {
        case .string(let s): [s]
        case .array(let items): items.flatMap(strings)
        case .object(let members): members.flatMap { [$0.0] + strings(in: $0.1) }
        case .null, .bool, .number: []
        }
    }
}
