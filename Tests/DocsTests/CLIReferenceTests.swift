import Foundation
import TestSupport
import Testing

/// `docs/reference-cli.md` ends with every command's `--help`, generated from the binary by
/// `scripts/cli-reference.sh` (`make docs`): the same script run here must print exactly what the file holds.
@Suite struct CLIReferenceTests {
    static let begin = "<!-- BEGIN GENERATED: rehearse --help (make docs) -->"
    static let end = "<!-- END GENERATED -->"

    @Test func theGeneratedHelpMatchesTheBinary() async throws {
        let doc = try MarkdownDoc("docs/reference-cli.md")
        let parts = doc.text.components(separatedBy: Self.begin + "\n")
        try #require(parts.count == 2, "docs/reference-cli.md needs one line \(Self.begin)")
        let rest = parts[1].components(separatedBy: Self.end + "\n")
        try #require(rest.count == 2, "docs/reference-cli.md needs one line \(Self.end) after the BEGIN marker")
        let inFile = rest[0]
        #expect(!parts[0].contains("## Every command's --help"), "the hand-written part stays above the markers")

        let script = MarkdownDoc.root.appendingPathComponent("scripts/cli-reference.sh").path
        let out = try await ChildProcess("/bin/bash", [script, RehearseBinary.path]).finished()
        try #require(out.status == 0, "\(out.transcript)")
        if out.stdout != inFile {
            Issue.record(
                """
                docs/reference-cli.md is out of date with `rehearse --help`: run `make docs` and commit the file.
                \(Self.firstDifference(inFile, out.stdout))
                """)
        }
        // Every command, nested ones included, is in it.
        for command in ["run", "import har", "import curl", "network list", "knee", "init", "merge", "k8s"] {
            #expect(out.stdout.contains("### `rehearse \(command) --help`"), "\(command)")
        }
    }

    /// The first line that differs, with its number, for the failure message.
    static func firstDifference(_ file: String, _ generated: String) -> String {
        let a = file.split(separator: "\n", omittingEmptySubsequences: false)
        let b = generated.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(a.count, b.count) where a[safe: i] != b[safe: i] {
            return "first difference at line \(i + 1) of the generated part:\n  file:   \(a[safe: i] ?? "(end)")\n"
                + "  binary: \(b[safe: i] ?? "(end)")"
        }
        return "(they differ only in line endings)"
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
