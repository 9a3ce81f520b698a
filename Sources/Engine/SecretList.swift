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
        values = found.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
    }

    /// Replaces every secret value in a text by `***`.
    public func redact(_ text: String) -> String {
        values.isEmpty ? text : values.reduce(text) { $0.replacingOccurrences(of: $1, with: "***") }
    }

    public var redactor: @Sendable (String) -> String {
        let values = self.values
        return { text in
            values.reduce(text) { $0.replacingOccurrences(of: $1, with: "***") }
        }
    }
}

/// The `{{env.NAME}}` names a profile's flows read.
enum EnvironmentReferences {
    static func names(in profile: Profile) -> Set<String> {
        var names = Set<String>()
        func note(_ t: Template) {
            for case .env(let n) in t.variables { names.insert(n) }
        }
        for flow in profile.flows {
            for request in flow.steps.flatMap(requests) {
                note(request.url)
                request.headers.forEach { note($0.value) }
                request.query.forEach { note($0.value) }
            }
            flow.headers.forEach { note($0.value) }
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
}
