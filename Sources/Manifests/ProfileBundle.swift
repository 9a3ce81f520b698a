import Foundation
import Scenario
import Yams

/// A profile with every file it reads (its flows and CSV accounts), as paths relative to the profile's folder: what
/// a ConfigMap must hold for a pod to load it. Found by loading the profile through a file reader that notes each
/// file, so whatever the loader reads is bundled, and nothing else.
public struct ProfileBundle: Sendable {
    public var profile: Profile
    /// The profile's own path within the bundle (its file name).
    public var profilePath: String
    /// Relative path → contents, the profile first.
    public var files: [(path: String, contents: String)]
    /// CSV files of roles with `secret_fields` (passwords): they go to a Secret, never to a ConfigMap.
    public var secretFiles: Set<String>
    /// Environment variables the profile reads (`{{env.NAME}}`, `{ env: NAME }`): the pods need them.
    public var environmentNames: [String]

    /// Loads `path` to bundle it. Variables the profile reads need not be set here: they are given placeholder values
    /// (never written anywhere), since the pods read them from a Secret.
    /// - Throws: `ScenarioError` when the profile does not load; `BundleError` when a file lies outside its folder.
    public static func collect(
        path: String, environment: [String: String], fileReader: @escaping FileReader = FileReading.disk
    ) throws -> ProfileBundle {
        let notebook = FileNotebook(reader: fileReader)
        var names: Set<String> = []
        var profile: Profile?
        // Each pass may read further files that name further variables; a pass with no new name is the last.
        while profile == nil {
            var env = environment
            for name in names { env[name] = "http://placeholder.invalid" }
            do {
                profile = try ProfileLoader(environment: env, fileReader: notebook.read).load(path: path)
            } catch {
                let found = EnvironmentNames.find(in: notebook.texts.map(\.contents))
                guard !found.isSubset(of: names) else { throw error }
                names.formUnion(found)
            }
        }
        names.formUnion(EnvironmentNames.find(in: notebook.texts.map(\.contents)))
        return try ProfileBundle(profile: profile!, path: path, read: notebook.texts, environmentNames: names)
    }

    private init(
        profile: Profile, path: String, read: [(path: String, contents: String)], environmentNames: Set<String>
    ) throws {
        let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) + "/" : ""
        func relative(_ file: String) throws -> String {
            let inside = folder.isEmpty ? file : (file.hasPrefix(folder) ? String(file.dropFirst(folder.count)) : nil)
            guard let inside, !inside.hasPrefix("/"), !inside.split(separator: "/").contains("..") else {
                throw BundleError(
                    "\(file) is outside the profile's folder \(folder.isEmpty ? "." : folder)",
                    hint: "move the flows and CSV files under the profile's folder: a ConfigMap mounts one folder")
            }
            return inside
        }
        self.profile = profile
        profilePath = try relative(path)
        files = try read.map { (try relative($0.path), $0.contents) }
        secretFiles = Set(
            try profile.roles.filter { !$0.secretFields.isEmpty }.compactMap(\.accountsFile).map { written in
                try relative(written.hasPrefix("/") ? written : folder + written)
            })
        self.environmentNames = environmentNames.subtracting(EnvironmentNames.setByKubernetes).sorted()
    }
}

/// Why a profile cannot be bundled; the hint says what to change.
public struct BundleError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var hint: String

    public init(_ message: String, hint: String) {
        self.message = message
        self.hint = hint
    }

    public var description: String { "\(message)\n  hint: \(hint)" }
}

/// Notes every file read, in order, once.
private final class FileNotebook: @unchecked Sendable {
    // @unchecked: used from the one thread that loads the profile.
    private let reader: FileReader
    private(set) var texts: [(path: String, contents: String)] = []

    init(reader: @escaping FileReader) { self.reader = reader }

    var read: FileReader {
        { [self] path in
            let contents = try reader(path)
            if !texts.contains(where: { $0.path == path }) { texts.append((path, contents)) }
            return contents
        }
    }
}

/// The environment variables a profile's files name: `{{env.NAME}}` in templates, `env: NAME` in role fields;
/// less those Kubernetes sets itself in a Job's pods. YAML is read as YAML (Yams), so a comment that mentions a
/// variable asks for nothing; a text that is not YAML (a CSV file) is scanned as text.
enum EnvironmentNames {
    static let setByKubernetes: Set<String> = ["JOB_COMPLETION_INDEX"]

    static func find(in texts: [String]) -> Set<String> {
        var names: Set<String> = []
        for text in texts {
            if let node = try? Yams.compose(yaml: text) {
                collect(node, into: &names)
            } else {
                names.formUnion(templateNames(in: text))
            }
        }
        return names
    }

    private static func collect(_ node: Node, into names: inout Set<String>) {
        switch node {
        case .scalar(let scalar): names.formUnion(templateNames(in: scalar.string))
        case .sequence(let items): for item in items { collect(item, into: &names) }
        case .mapping(let pairs):
            for (key, value) in pairs {
                if key.string == "env", let name = value.string, name.wholeMatch(of: #/[A-Za-z_][A-Za-z0-9_]*/#) != nil
                {
                    names.insert(name)
                } else {
                    collect(value, into: &names)
                }
            }
        case .alias: break
        }
    }

    private static func templateNames(in text: String) -> Set<String> {
        Set(text.matches(of: #/\{\{\s*env\.([A-Za-z0-9_-]+)\s*\}\}/#).map { String($0.1) })
    }
}
