import Foundation
import TestSupport
import Testing

@Suite("Golden")
struct GoldenTests {
    @Test func matchingMissingAndDifferentFiles() throws {
        let folder = try TemporaryFolder("golden")
        defer { folder.remove() }
        let directory = folder.directory
        #expect(throws: Golden.Mismatch.self) { try Golden.assertMatches("a\n", file: "x.txt", directory: directory) }
        try "a\nb\n".write(toFile: directory + "/x.txt", atomically: true, encoding: .utf8)
        try Golden.assertMatches("a\nb\n", file: "x.txt", directory: directory)
        do {
            try Golden.assertMatches("a\nc\n", file: "x.txt", directory: directory)
            Issue.record("a different text must not match")
        } catch let mismatch as Golden.Mismatch {
            #expect(mismatch.description.contains("line 2"))
        }
    }
}
