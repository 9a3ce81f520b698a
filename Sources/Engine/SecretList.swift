import Foundation
import Scenario

/// The secret values of a run (role fields marked secret, environment values the flows read), so that
/// no message written to results or printed contains them in clear.
public struct SecretList: Sendable {
    public var values: [String]

    public init(profile: Profile, environment: [String: String]) {
        var found = Set<String>()
        for role in profile.roles {
            for account in role.accounts {
                for (field, value) in account where role.secretFields.contains(field) { found.insert(value) }
            }
        }
        for name in EnvironmentReferences.names(in: profile) {
            if let value = environment[name] { found.insert(value) }
        }
        // Short values would redact ordinary words; they are not worth hiding from a message anyway.
        // Each value also as it appears percent-encoded (URLs, forms) and JSON-escaped (bodies).
        let forms = found.filter { $0.count >= 4 }.flatMap { [$0] + Self.encodings(of: $0) }
        values = Set(forms).sorted { $0.count > $1.count }
    }

    /// How a value reads percent-encoded (`%20` and `+` for spaces) and inside a JSON string.
    static func encodings(of value: String) -> [String] {
        let unreserved = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let percent = value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
        let json = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "/", with: "\\/")
        return [percent, percent.replacingOccurrences(of: "%20", with: "+"), json].filter { $0 != value }
    }

    /// Replaces every secret value in a text by `***`.
    public func redact(_ text: String) -> String {
        values.isEmpty ? text : values.reduce(text) { $0.replacingOccurrences(of: $1, with: "***") }
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

    private static func requests(_ step: Step) -> [RequestStep] {
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
