import Scenario
import Secrets

/// Replaces every recorded secret still in clear — credentials in `Authorization`, API-key headers, cookies
/// the browser had before the recording, secret-named parameters and fields, and JWT- or token-shaped values
/// anywhere — by `{{env.NAME}}`. One variable per distinct value; the report prints only the names.
struct SecretScrubber {
    private(set) var secrets: [EnvironmentSecret] = []
    private var byValue: [String: Int] = [:]
    /// Values the recording sent under a credential name (a password field), found before role fields replaced
    /// them, longest first, with that name: the same value inside a longer text (`X-Debug: pw=…`, `?x=a…`) becomes
    /// the same role field (`roleFields`), or a variable. The masking rule's "whole value and substring".
    private let recorded: [(value: String, name: String)]
    private let roleFields: Set<String>

    init(recorded: [String: String] = [:], roleFields: Set<String> = []) {
        self.recorded = recorded.map { ($0.key, $0.value) }.sorted {
            ($0.value.count, $0.value) > ($1.value.count, $1.value)
        }
        self.roleFields = roleFields
    }

    /// The values of credential-named form, JSON and query fields in `drafts` (value → field name, lower-cased).
    static func recordedSecrets(in drafts: [DraftRequest]) -> [String: String] {
        var found: [String: String] = [:]
        for draft in drafts {
            var copy = draft
            copy.rewrite { site in
                if site.kind == .query || site.kind == .bodyField, site.value.count >= 4, found[site.value] == nil,
                    SecretRules.isSecretName(site.name, header: false)
                {
                    found[site.value] = site.name
                }
                return nil
            }
        }
        return found
    }

    /// Scrubs `draft`; `label` names the request in the report and is computed from the scrubbed draft, so
    /// a token in the path never reaches the report (`POST /services/{{env.PATH_TOKEN}}`).
    mutating func scrub(_ draft: inout DraftRequest, label: (DraftRequest) -> String) {
        let before = secrets.count
        let placeholdersInBody = Self.rawBodyWithPlaceholders(draft) != nil
        draft.rewrite { site in replacement(for: site) }
        if placeholdersInBody { scrubLiteralParts(of: &draft) }
        let name = label(draft)
        for i in before..<secrets.count { secrets[i].firstUse += " of \(name)" }
    }

    /// A raw body that already holds placeholders (a role field was put in it), which `rewrite` passes over.
    private static func rawBodyWithPlaceholders(_ draft: DraftRequest) -> (Template, String?)? {
        guard case .raw(let template, let type) = draft.body, !template.isLiteral else { return nil }
        return (template, type)
    }

    /// Scrubs the literal parts of such a body one by one, so a token next to the password is not left in clear.
    private mutating func scrubLiteralParts(of draft: inout DraftRequest) {
        guard let (template, type) = Self.rawBodyWithPlaceholders(draft) else { return }
        var parts: [Template.Part] = []
        for part in template.parts {
            guard case .literal(let text) = part,
                let new = replacement(for: ValueSite(kind: .rawBody, name: "body", value: text))
            else {
                parts.append(part)
                continue
            }
            parts += new.parts
        }
        draft.body = .raw(Template(parts: parts), contentType: type)
    }

    private mutating func replacement(for site: ValueSite) -> Template? {
        let place = Self.placeName(site)
        if let index = byValue[site.value], site.value.count >= 4 {
            secrets[index].uses += 1
            return Template(.env(secrets[index].name))
        }
        switch site.kind {
        case .header where site.name == "cookie":
            return cookies(site.value, place: place)
        case .header where SecretRules.isSecretName(site.name, header: true):
            if let split = ValueRules.authScheme(site.value) {
                let name =
                    split.prefix.lowercased().hasPrefix("bearer") ? "AUTH_TOKEN" : EnvName.make(split.prefix) + "_AUTH"
                return Template(parts: [.literal(split.prefix), .variable(variable(name, split.credential, place))])
            }
            return Template(variable(EnvName.make(site.name), site.value, place))
        case .query, .bodyField:
            if SecretRules.isSecretName(site.name, header: false), !site.value.isEmpty {
                return Template(variable(EnvName.make(site.name), site.value, place))
            }
            return tokens(in: site, place: place)
        default:
            return tokens(in: site, place: place)
        }
    }

    /// Secret-shaped pieces inside a value (a JWT in a longer string, a token in a raw body), and recorded
    /// credentials inside a longer value.
    private mutating func tokens(in site: ValueSite, place: String) -> Template? {
        if SecretRules.looksSecret(site.value) {
            return Template(variable(Self.tokenName(site), site.value, place))
        }
        var template = Template(literal: site.value)
        for token in Self.pieces(site.value) where SecretRules.looksSecret(token) || byValue[token] != nil {
            template = template.replacing(token, with: variable(Self.tokenName(site), token, place))
        }
        for (value, name) in recorded where site.value.contains(value) {
            let placeholder = roleFields.contains(name) ? .role(name) : variable(EnvName.make(name), value, place)
            template = template.replacing(value, with: placeholder)
        }
        return template.isLiteral ? nil : template
    }

    /// The cookies left in a `Cookie` header (the server-set ones are already gone): a value that could be a
    /// credential — a secret-sounding name, a token shape, or 8+ characters with a digit — becomes
    /// `COOKIE_<NAME>`; `theme=dark` stays.
    private mutating func cookies(_ header: String, place: String) -> Template? {
        var parts: [Template.Part] = []
        var text = ""
        for (i, pair) in CookieText.pairs(header).enumerated() {
            text += (i > 0 ? "; " : "") + "\(pair.name)="
            guard Self.isCredentialCookie(pair) else {
                text += pair.value
                continue
            }
            parts += [.literal(text), .variable(variable("COOKIE_" + EnvName.make(pair.name), pair.value, place))]
            text = ""
        }
        if !text.isEmpty { parts.append(.literal(text)) }
        let template = Template(parts: parts)
        return template.isLiteral ? nil : template
    }

    private static func isCredentialCookie(_ pair: (name: String, value: String)) -> Bool {
        let name = pair.name.lowercased()
        if SecretRules.isSecretName(name, header: false) || name.contains("sid") || name.contains("sess") {
            return pair.value.count >= 4
        }
        return SecretRules.looksSecret(pair.value) || (pair.value.count >= 8 && pair.value.contains(where: \.isNumber))
    }

    /// The variable for `value`: the same one for a value seen before, else a new name (numbered on a clash).
    private mutating func variable(_ base: String, _ value: String, _ place: String) -> Variable {
        if let index = byValue[value] {
            secrets[index].uses += 1
            return .env(secrets[index].name)
        }
        let taken = Set(secrets.map(\.name) + [OriginTable.mainVariable])
        let name = UniqueName.make(base, isTaken: taken.contains)
        byValue[value] = secrets.count
        secrets.append(EnvironmentSecret(name: name, firstUse: place, uses: 1))
        return .env(name)
    }

    private static func pieces(_ text: String) -> [String] {
        text.split { c in !(c.isASCII && (c.isLetter || c.isNumber || "-_.~+/=".contains(c))) }.map(String.init)
            .filter { $0.count >= 8 }
    }

    private static func tokenName(_ site: ValueSite) -> String {
        switch site.kind {
        case .path: "PATH_TOKEN"
        case .rawBody: "BODY_TOKEN"
        default: EnvName.make(site.name)
        }
    }

    private static func placeName(_ site: ValueSite) -> String {
        switch site.kind {
        case .path: "path"
        case .query: "query \(site.name)"
        case .header: "header \(site.name)"
        case .bodyField: "body field \(site.name)"
        case .rawBody: "body"
        }
    }
}
