import Scenario

/// Recorded origins inside header and body text (`Origin: https://staging.example.com`, a `redirect_uri`)
/// become the origin's variable, so the flow runs against any staging.
enum OriginText {
    static func replaceOrigins(in draft: inout DraftRequest, origins: OriginTable) {
        let pairs = origins.entries.sorted { $0.origin.count > $1.origin.count }
        func swap(_ t: Template) -> Template {
            var t = t
            for (variable, origin) in pairs { t = t.replacing(origin, with: .env(variable)) }
            return t.merged
        }
        draft.headers = draft.headers.map { DraftField(name: $0.name, value: swap($0.value)) }
        switch draft.query {
        case .items(let items): draft.query = .items(items.map { DraftField(name: $0.name, value: swap($0.value)) })
        case .raw(var pairs):
            for i in pairs.indices { pairs[i].value = swap(pairs[i].value) }
            draft.query = .raw(pairs)
        case .none: break
        }
        switch draft.body {
        case .form(let fields): draft.body = .form(fields.map { DraftField(name: $0.name, value: swap($0.value)) })
        case .raw(let t, let type): draft.body = .raw(swap(t), contentType: type)
        case .json(let json, let type): draft.body = .json(rewrite(json, swap), contentType: type)
        case nil: break
        }
    }

    private static func rewrite(_ json: DraftJSON, _ f: (Template) -> Template) -> DraftJSON {
        switch json {
        case .value(.string(let s)):
            let t = f(Template(literal: s))
            return t.isLiteral ? json : .template(t, wasNumber: false)
        case .value: return json
        case .template(let t, let n): return .template(f(t), wasNumber: n)
        case .array(let items): return .array(items.map { rewrite($0, f) })
        case .object(let members): return .object(members.map { ($0.0, rewrite($0.1, f)) })
        }
    }
}
