import Foundation

/// Golden-file comparison for text output such as reports.
///
/// It does not depend on a test framework: `assertMatches` throws `Golden.Mismatch`, which a
/// Swift Testing or XCTest test surfaces as a failure with a readable message.
public enum Golden {
    /// The environment variable that turns comparisons into rewrites.
    public static let updateVariable = "REHEARSAL_UPDATE_GOLDEN"

    /// Why a text did not match its golden file.
    public struct Mismatch: Error, CustomStringConvertible {
        /// The golden file's path.
        public let path: String
        /// What went wrong: a missing file, or the first differing line.
        public let description: String
    }

    /// Compares `text` with the file `file` under `directory`.
    ///
    /// With `REHEARSAL_UPDATE_GOLDEN=1` in the environment it writes `text` to the file instead
    /// (creating the directory) and succeeds, so intended changes are one re-run away.
    public static func assertMatches(_ text: String, file: String, directory: String) throws {
        let url = URL(fileURLWithPath: directory).appendingPathComponent(file)
        if ProcessInfo.processInfo.environment[updateVariable] == "1" {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Mismatch(
                path: url.path,
                description: "golden file \(url.path) is missing; run with \(updateVariable)=1 to create it")
        }
        let expected = String(decoding: data, as: UTF8.self)
        if let difference = firstDifference(expected: expected, actual: text) {
            throw Mismatch(path: url.path, description: "\(url.path): \(difference)")
        }
    }

    /// The directory `Golden` next to the calling source file; pass `#filePath`.
    public static func directory(besides sourceFile: String) -> String {
        URL(fileURLWithPath: sourceFile).deletingLastPathComponent().appendingPathComponent("Golden").path
    }

    /// Describes the first line where the two texts differ, or nil when they are equal.
    static func firstDifference(expected: String, actual: String) -> String? {
        guard expected != actual else { return nil }
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(old.count, new.count) {
            let was = index < old.count ? String(old[index]) : "<end of file>"
            let now = index < new.count ? String(new[index]) : "<end of text>"
            if was != now {
                return "line \(index + 1) differs\n  expected: \(was)\n  actual:   \(now)\n"
                    + "(run with \(updateVariable)=1 to accept the new text)"
            }
        }
        return "texts differ in line endings or whitespace"
    }
}
