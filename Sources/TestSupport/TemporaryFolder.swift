import Foundation

/// A fresh folder under the system's temporary directory for one test's files (profiles, flows, results, HARs).
public struct TemporaryFolder: Sendable {
    /// The folder's absolute path.
    public let directory: String

    /// Creates `rehearsal-<label>-<UUID>` under the temporary directory.
    public init(_ label: String = "test") throws {
        directory =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("rehearsal-\(label)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// The folder as a file URL.
    public var url: URL { URL(fileURLWithPath: directory) }

    /// The full path of `relative` inside the folder.
    public func path(_ relative: String) -> String { directory + "/" + relative }

    /// Writes `text` to `relative` (creating its folders) and returns the full path.
    @discardableResult
    public func write(_ relative: String, _ text: String) throws -> String {
        let full = path(relative)
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
        return full
    }

    /// Deletes the folder and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}
