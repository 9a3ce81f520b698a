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

/// Thrown by a ``FileReader`` when the file is not text the loaders can read: past ``InputLimits/maxFileBytes``,
/// holding NUL bytes (a binary file), or not UTF-8.
public struct FileNotText: Error, Sendable, Equatable {
    /// What is wrong: `it holds NUL bytes (a binary file?)`.
    public var reason: String
    /// An error saying `reason`.
    public init(_ reason: String) { self.reason = reason }

    static let tooLarge = FileNotText("it is over the limit of \(InputLimits.maxFileBytes >> 20) MB")
}

/// File access for the loaders.
public enum FileReading {
    /// Reads UTF-8 files from disk, at most ``InputLimits/maxFileBytes`` of them (a FIFO or `/dev/zero` is never
    /// read past that); a missing file throws ``FileNotFound``, a binary or oversized one ``FileNotText``.
    public static let disk: FileReader = { path in
        guard FileManager.default.fileExists(atPath: path) else { throw FileNotFound(path: path) }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw FileNotFound(path: path) }
        defer { try? handle.close() }
        let data = try handle.read(upToCount: InputLimits.maxFileBytes + 1) ?? Data()
        return try text(data)
    }

    /// `data` as text, or why it is not.
    static func text(_ data: Data) throws(FileNotText) -> String {
        guard data.count <= InputLimits.maxFileBytes else {
            throw FileNotText.tooLarge
        }
        guard !data.contains(0) else { throw FileNotText("it holds NUL bytes (a binary file?)") }
        guard let text = String(data: data, encoding: .utf8) else {
            throw FileNotText("it is not UTF-8 text (a binary file?)")
        }
        return text
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
            let text = try reader(path)
            if text.utf8.count > InputLimits.maxFileBytes { throw FileNotText.tooLarge }
            return text
        } catch let error as FileNotText {
            var failure = reference
            failure.message = "\(path) is not a text \(what.hasPrefix("CSV") ? "CSV" : "YAML") file: \(error.reason)"
            failure.hint = "give the \(what) as UTF-8 text"
            throw failure
        } catch {
            var failure = reference
            failure.message = error is FileNotFound ? "\(what) not found: \(path)" : "cannot read \(what) \(path)"
            throw failure
        }
    }
}
