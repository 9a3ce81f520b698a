import Foundation

/// Golden-file comparison, as `TestSupport.Golden` does it (this target does not depend on TestSupport):
/// with `REHEARSAL_UPDATE_GOLDEN=1` the text is written to the file instead of compared.
enum Golden {
    static let updateVariable = "REHEARSAL_UPDATE_GOLDEN"

    struct Mismatch: Error, CustomStringConvertible {
        let path: String
        let description: String
    }

    static func assertMatches(_ text: String, file: String, directory: String) throws {
        let url = URL(fileURLWithPath: directory).appendingPathComponent(file)
        if ProcessInfo.processInfo.environment[updateVariable] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Mismatch(
                path: url.path, description: "golden file \(url.path) is missing; run with \(updateVariable)=1 to create it")
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard expected != text else { return }
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = text.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(old.count, new.count) {
            let was = index < old.count ? String(old[index]) : "<end of file>"
            let now = index < new.count ? String(new[index]) : "<end of text>"
            if was != now {
                throw Mismatch(
                    path: url.path,
                    description: "\(url.path): line \(index + 1) differs\n  expected: \(was)\n  actual:   \(now)\n"
                        + "(run with \(updateVariable)=1 to accept the new text)")
            }
        }
        throw Mismatch(path: url.path, description: "\(url.path): texts differ in line endings or whitespace")
    }

    /// The directory `Golden` next to the calling source file; pass `#filePath`.
    static func directory(besides sourceFile: String) -> String {
        URL(fileURLWithPath: sourceFile).deletingLastPathComponent().appendingPathComponent("Golden").path
    }
}
