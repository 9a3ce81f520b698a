import Scenario

/// A recorded value and where it sits in a request, for the rules that rewrite values (roles, correlation,
/// secrets, origins).
struct ValueSite {
    enum Kind: Equatable {
        case path, query, header, bodyField, rawBody
    }

    var kind: Kind
    /// The header, parameter or field name, lower-cased; `path` for path segments, `body` for a raw body.
    var name: String
    /// The recorded text (percent-decoded for path segments and query parameters; as recorded in a raw query).
    var value: String
}

extension DraftRequest {
    /// Calls `replace` for every value that is still recorded text, in a stable order (path, query, headers,
    /// body); a returned template takes the value's place.
    mutating func rewrite(_ replace: (ValueSite) -> Template?) {
        if urlOverride == nil {
            for i in path.indices {
                // Only segments without escapes: a captured value is inserted into the URL as it is.
                guard let text = path[i].literalText, !text.isEmpty, !text.contains("%") else { continue }
                if let new = replace(ValueSite(kind: .path, name: "path", value: text)) { path[i] = new }
            }
            switch query {
            case .items(var items):
                Self.rewrite(&items, kind: .query, replace)
                query = .items(items)
            case .raw(var pairs):
                // The value as recorded (still encoded): a replacement takes the place of exactly those bytes.
                for i in pairs.indices {
                    guard let text = pairs[i].value.literalText, !text.isEmpty else { continue }
                    if let new = replace(ValueSite(kind: .query, name: pairs[i].decodedName, value: text)) {
                        pairs[i].value = new
                    }
                }
                query = .raw(pairs)
            case .none: break
            }
        }
        Self.rewrite(&headers, kind: .header, replace)
        switch body {
        case .json(let json, let type): body = .json(Self.rewrite(json, name: "", replace), contentType: type)
        case .form(var fields):
            Self.rewrite(&fields, kind: .bodyField, replace)
            body = .form(fields)
        case .raw(let template, let type):
            if let text = template.literalText, let new = replace(ValueSite(kind: .rawBody, name: "body", value: text))
            {
                body = .raw(new, contentType: type)
            }
        case nil: break
        }
    }

    /// Path and query as recorded, when neither has been rewritten (for a `Location` that names the whole URL).
    var literalPathAndQuery: String? {
        guard urlOverride == nil else { return nil }
        var segments: [String] = []
        for segment in path {
            guard let text = segment.literalText else { return nil }
            segments.append(text)
        }
        let pathText = segments.joined(separator: "/")
        switch query {
        case .none: return pathText
        case .raw(let pairs): return RawQueryPair.join(pairs).literalText.map { "\(pathText)?\($0)" }
        case .items(let items):
            var pairs: [String] = []
            for item in items {
                guard let value = item.value.literalText else { return nil }
                pairs.append(FormEncoding.encode(item.name) + "=" + FormEncoding.encode(value))
            }
            return "\(pathText)?" + pairs.joined(separator: "&")
        }
    }

    private static func rewrite(_ fields: inout [DraftField], kind: ValueSite.Kind, _ replace: (ValueSite) -> Template?)
    {
        for i in fields.indices {
            guard let text = fields[i].value.literalText else { continue }
            if let new = replace(ValueSite(kind: kind, name: fields[i].name.lowercased(), value: text)) {
                fields[i].value = new
            }
        }
    }

    private static func rewrite(_ json: DraftJSON, name: String, _ replace: (ValueSite) -> Template?) -> DraftJSON {
        switch json {
        case .value(.string(let text)):
            return replace(ValueSite(kind: .bodyField, name: name, value: text)).map { .template($0, wasNumber: false) }
                ?? json
        case .value(.number(let n)):
            let text = JSONValue.number(n).serialized()
            return replace(ValueSite(kind: .bodyField, name: name, value: text)).map { .template($0, wasNumber: true) }
                ?? json
        case .value, .template: return json
        case .array(let items): return .array(items.map { rewrite($0, name: name, replace) })
        case .object(let members):
            return .object(members.map { ($0.0, rewrite($0.1, name: $0.0.lowercased(), replace)) })
        }
    }
}
