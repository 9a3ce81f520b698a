import Foundation
import Testing

@testable import MetricsEndpoint

@Suite("TextfileWriter: atomic metrics files for node_exporter")
struct TextfileWriterTests {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "rehearsal-textfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func writesReplacesAndLeavesNoTemporaryFile() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("rehearsal.prom").path

        try TextfileWriter.write("a 1\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a 1\n")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o644, "node_exporter runs as another user: the file must be readable")

        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        try TextfileWriter.write("a 2\nb 3\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a 2\nb 3\n")
        let kept = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(kept == 0o640, "the target's permissions are kept")

        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["rehearsal.prom"])
    }

    @Test func writesARealExposition() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let metrics = ProbeMetrics()
        metrics.update(with: ProbeMetricsTests.result())
        let path = directory.appendingPathComponent("rehearsal.prom").path
        try TextfileWriter.write(metrics.exposition(), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == metrics.exposition())
    }

    @Test func aBareFileNameGoesToTheCurrentDirectory() throws {
        #expect(try TextfileWriter.split("rehearsal.prom") == (".", "rehearsal.prom"))
        #expect(try TextfileWriter.split("/rehearsal.prom") == ("/", "rehearsal.prom"))
        #expect(try TextfileWriter.split("/var/lib/x/r.prom") == ("/var/lib/x", "r.prom"))
    }

    /// What makes a path unwritable is found before any probe: a missing folder, a file as folder, a folder as file.
    @Test func problemsAreFoundBeforeWriting() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(TextfileWriter.problem(with: directory.appendingPathComponent("ok.prom").path) == nil)
        let missing = TextfileWriter.problem(with: directory.appendingPathComponent("no/such/r.prom").path)
        #expect(missing?.contains("does not exist") == true, "\(missing ?? "")")
        let file = directory.appendingPathComponent("plain")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        #expect(TextfileWriter.problem(with: file.path + "/r.prom")?.contains("is not a folder") == true)
        #expect(TextfileWriter.problem(with: directory.path)?.contains("is a folder") == true)
    }

    @Test func errorsNameThePathAndTheReason() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }

        let missing = directory.appendingPathComponent("no/such/dir/rehearsal.prom").path
        let error = #expect(throws: TextfileWriter.WriteError.self) { try TextfileWriter.write("a 1\n", to: missing) }
        #expect(error?.path == missing)
        #expect(error?.description.contains(missing) == true)
        #expect(error?.description.contains("No such file or directory") == true, "\(String(describing: error))")

        let intoDirectory = #expect(throws: TextfileWriter.WriteError.self) {
            try TextfileWriter.write("a 1\n", to: directory.path + "/")
        }
        #expect(intoDirectory?.description.contains("directory") == true)

        // A directory where the file should be: the rename fails and the temporary file is removed.
        let occupied = directory.appendingPathComponent("taken.prom")
        try FileManager.default.createDirectory(at: occupied, withIntermediateDirectories: true)
        let renameError = #expect(throws: TextfileWriter.WriteError.self) {
            try TextfileWriter.write("a 1\n", to: occupied.path)
        }
        #expect(renameError?.description.contains(occupied.path) == true)
        #expect(renameError?.reason.contains("rename") == true, "\(String(describing: renameError))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["taken.prom"])

        #expect(throws: TextfileWriter.WriteError.self) { try TextfileWriter.write("a 1\n", to: "") }
    }
}
