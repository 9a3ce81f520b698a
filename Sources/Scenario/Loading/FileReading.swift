import Foundation

/// Reads a text file by path; loaders take one so tests and tools can supply files from memory.
public typealias FileReader = @Sendable (String) throws -> String

/// Thrown by a ``FileReader`` when the file does not exist (other errors read as "cannot read").
public struct FileNotFound: Error, Sendable, Equatable {
    /// The path that was asked for.
    public var path: String
    /// An error for `path`.
    public init(path: String) { self.path = path }
}

/// File access for the loaders.
public enum FileReading {
    /// Reads UTF-8 files from disk; a missing file throws ``FileNotFound``.
    public static let disk: FileReader = { path in
        guard FileManager.default.fileExists(atPath: path) else { throw FileNotFound(path: path) }
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// `path` resolved against `directory` (absolute paths stay as they are).
    static func resolve(_ path: String, relativeTo directory: String) -> String {
        if path.hasPrefix("/") || directory.isEmpty || directory == "." { return path }
        return directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }

    /// The folder part of a path ("" for a bare file name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The file name without folder and extension: `flows/demo-dashboard.yaml` → `demo-dashboard`.
    static func baseName(of path: String) -> String {
        let name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// Reads `path`, turning a failure into an error at `reference` (the place that names the file).
    static func read(_ path: String, with reader: FileReader, what: String, reference: ScenarioError)
        throws(ScenarioError) -> String
    {
        do {
            return try reader(path)
        } catch {
            var failure = reference
            failure.message = error is FileNotFound ? "\(what) not found: \(path)" : "cannot read \(what) \(path)"
            throw failure
        }
    }
}
