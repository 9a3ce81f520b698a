import Foundation
import Scenario
import Yams

/// Loading the YAML examples of the docs with the real loaders (docs/development.md "Examples that run").
enum YAMLExample {
    /// What a profile example's missing flow file is replaced with: a login and a `dashboard` group, as the demo's
    /// flow, so thresholds and probe limits naming `login` or `dashboard` resolve. Named after its file.
    static let standInFlow = """
        steps:
          - name: login
            post: /api/login
            json: { email: "{{role.email}}", password: "{{role.password}}" }
            capture: { token: { json: $.token } }
          - group: dashboard
            requests:
              - { name: me, get: /api/me, headers: { Authorization: "Bearer {{token}}" } }
              - { name: tasks, get: /api/dashboard/tasks, headers: { Authorization: "Bearer {{token}}" } }
          - think: 5ms

        """

    /// What a missing CSV file of accounts is replaced with.
    static let standInCSV = "email,password\nuser1@demo.test,demo-user\n"

    /// Reads files from the disk; a flow or CSV file that does not exist is a stand-in (an example shows a profile,
    /// not every file next to it).
    static let reader: FileReader = { path in
        if FileManager.default.fileExists(atPath: path) { return try FileReading.disk(path) }
        if path.hasSuffix(".yaml") || path.hasSuffix(".yml") { return standInFlow }
        if path.hasSuffix(".csv") { return standInCSV }
        throw FileNotFound(path: path)
    }

    /// `base`, plus a placeholder for every other variable `text` reads (`{{env.NAME}}`, `{ env: NAME }`).
    static func environment(for text: String, base: [String: String]) -> [String: String] {
        var environment = base
        for pattern in [#"env\.([A-Za-z_][A-Za-z0-9_]*)"#, #"env:\s*([A-Za-z_][A-Za-z0-9_]*)"#] {
            for match in text.matches(of: try! Regex(pattern)) {
                guard let name = match.output[1].substring.map(String.init), environment[name] == nil else { continue }
                environment[name] = name.contains("URL") ? "http://127.0.0.1:9" : "placeholder"
            }
        }
        return environment
    }

    /// Loads profile text as the file `path` (its flows and CSV files relative to it).
    static func loadProfile(_ text: String, path: String, environment: [String: String]) throws {
        _ = try ProfileLoader(environment: Self.environment(for: text, base: environment), fileReader: reader)
            .decode(yaml: text, path: path)
    }

    static func loadFlow(_ text: String, path: String) throws {
        _ = try FlowDecoder.decode(yaml: text, file: path)
    }

    /// The alternatives of a fragment: documents separated by `---` lines.
    static func alternatives(_ text: String) -> [String] {
        text.components(separatedBy: "\n---\n").map { $0.hasPrefix("---\n") ? String($0.dropFirst(4)) : $0 }
    }

    /// `base` with the top-level keys of `fragment` set: a key the fragment gives replaces the base's; `scenarios`
    /// replaces the top-level `flows` and `load`, and the reverse.
    static func merge(fragment: String, over base: String) throws -> String {
        guard case .mapping(let top)? = try Yams.compose(yaml: fragment) else {
            throw DocProblem(line: 0, "a fragment is top-level keys of a profile (a mapping)")
        }
        guard case .mapping(let baseMap)? = try Yams.compose(yaml: base) else {
            throw DocProblem(line: 0, "the profile under the fragment is not a mapping")
        }
        var replaced = Set(top.keys.compactMap(\.string))
        if replaced.contains("scenarios") { replaced.formUnion(["flows", "load"]) }
        if !replaced.isDisjoint(with: ["flows", "load"]) { replaced.insert("scenarios") }
        let kept = baseMap.filter { !replaced.contains($0.key.string ?? "") }.map { ($0.key, $0.value) }
        return try Yams.serialize(node: .mapping(Node.Mapping(kept + top.map { ($0.key, $0.value) })))
    }

    /// Another tool's YAML: it must parse (every document of it).
    static func parse(_ text: String) throws {
        for document in alternatives(text) { _ = try Yams.load(yaml: document) }
    }
}
