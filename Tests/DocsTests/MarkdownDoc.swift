import Foundation
import TestSupport

/// One Markdown document of the repository (`README.md`, `docs/*.md`) and what the docs tests read in it: fenced
/// code blocks with their info strings, sections, tables.
struct MarkdownDoc: Sendable, CustomStringConvertible {
    /// A fenced code block: its info string's words, the line of its opening fence (1-based), its text (the fence's
    /// indentation removed, as in a list item).
    struct Block: Sendable {
        var info: [String]
        var line: Int
        var text: String
    }

    /// The repository root.
    static let root = RehearseBinary.packageRoot

    /// The path from the repository root, e.g. `docs/reference-flow.md`.
    let path: String
    let text: String

    var description: String { path }

    init(_ path: String) throws {
        self.path = path
        text = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
    }

    /// `README.md` and every `docs/*.md`, in path order.
    static func all() throws -> [MarkdownDoc] {
        let docs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/\($0)" }
        return try (["README.md"] + docs).map(MarkdownDoc.init)
    }

    /// The paths of `all()`, for parameterized tests (reading happens in the test).
    static var allPaths: [String] { (try? all().map(\.path)) ?? ["README.md"] }

    /// Every fenced code block (```), in order.
    var blocks: [Block] {
        var blocks: [Block] = []
        var open: (indent: Int, fence: Int, info: [String], line: Int, lines: [Substring])?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            let fence = rest.prefix { $0 == "`" }.count
            if var current = open {
                if fence >= current.fence, rest.dropFirst(fence).allSatisfy({ $0 == " " }) {
                    blocks.append(
                        Block(
                            info: current.info, line: current.line,
                            text: current.lines.map { $0 + "\n" }.joined()))
                    open = nil
                } else {
                    current.lines.append(line.dropFirst(min(current.indent, indent)))
                    open = current
                }
            } else if fence >= 3 {
                let info = rest.dropFirst(fence).split(separator: " ").map(String.init)
                open = (indent, fence, info, index + 1, [])
            }
        }
        return blocks
    }

    /// The text under the heading `## title`, up to the next heading of that level or above; nil without it.
    func section(_ title: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0 == "## \(title)" }) else { return nil }
        let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("## ") || $0.hasPrefix("# ") } ?? lines.endIndex
        return lines[(start + 1)..<end].joined(separator: "\n")
    }

    /// The rows of the Markdown tables in `text` (header and separator rows left out), each as its cells.
    static func tableRows(in text: String) -> [[String]] {
        var rows: [[String]] = []
        var inTable = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else {
                inTable = false
                continue
            }
            let cells = line.dropFirst().split(separator: "|", omittingEmptySubsequences: false).dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if !inTable {
                inTable = true  // the header row; the separator row follows
                continue
            }
            if cells.allSatisfy({ $0.allSatisfy { "-: ".contains($0) } }) { continue }
            rows.append(cells)
        }
        return rows
    }
}
