import Foundation
import Scenario
import TestSupport
import Testing

@testable import RehearseCommands

/// Every fenced block of `README.md` and `docs/*.md`, in order, in a workspace of its own per document: YAML profiles
/// and flows load with the real loaders, every `rehearse …` command parses with the real argument parser, its
/// repository files exist, and the commands that can run against the demo target do, bounded in time
/// (docs/development.md "Examples that run"). Documents run in parallel; a document's blocks run in order, so a
/// later command reads what an earlier one wrote.
@Suite struct DocExamplesTests {
    @Test(arguments: MarkdownDoc.allPaths)
    func everyExampleLoadsParsesAndRuns(path: String) async throws {
        let doc = try MarkdownDoc(path)
        var workspace: DocWorkspace?  // made for the first block that needs one (a demo server, a Profiles/ copy)
        var log = ExampleLog(doc: path)
        for block in doc.blocks {
            guard let kind = ExampleKind(info: block.info) else {
                let fence = "```" + block.info.joined(separator: " ")
                Issue.record("\(path):\(block.line): \(fence): \(ExampleKind.help)")
                continue
            }
            do {
                switch kind {
                case .text: continue
                case .json: _ = try JSONSerialization.jsonObject(with: Data(block.text.utf8))
                case .otherYAML: try YAMLExample.parse(block.text)
                default:
                    if workspace == nil { workspace = try DocWorkspace() }
                    try await check(block, kind, doc, workspace!, &log)
                }
            } catch let error as ScenarioError where kind.isWhole {
                // The loader's line is the block's; the doc's is the fence's plus that.
                Issue.record("\(path):\(block.line + (error.line ?? 0)): \(error)")
            } catch {
                Issue.record("\(path):\(block.line): \(error)")
            }
        }
        print(log.summary)
    }

    private func check(
        _ block: MarkdownDoc.Block, _ kind: ExampleKind, _ doc: MarkdownDoc, _ workspace: DocWorkspace,
        _ log: inout ExampleLog
    ) async throws {
        let virtualPath = "Profiles/\((doc.path as NSString).lastPathComponent)-line\(block.line).yaml"
        switch kind {
        case .text, .json, .otherYAML: break
        case .flow(let file):
            if let file { try workspace.write(file, block.text) }
            try YAMLExample.loadFlow(block.text, path: workspace.absolute(file ?? virtualPath))
            log.loaded += 1
        case .profile(let file):
            if let file { try workspace.write(file, block.text) }
            try YAMLExample.loadProfile(
                block.text, path: workspace.absolute(file ?? virtualPath), environment: workspace.environment)
            log.loaded += 1
        case .fragment(let file):
            for fragment in YAMLExample.alternatives(block.text) {
                let target = file.flatMap { workspace.exists($0) ? $0 : nil }
                let base = try String(
                    contentsOfFile: workspace.absolute(target ?? "Profiles/demo.yaml"), encoding: .utf8)
                let merged = try YAMLExample.merge(fragment: fragment, over: base)
                if let target { try workspace.write(target, merged) }
                try YAMLExample.loadProfile(
                    merged, path: workspace.absolute(target ?? virtualPath), environment: workspace.environment)
                log.loaded += 1
            }
        case .commands:
            for shell in try ShellCommand.commands(in: block.text, firstLine: block.line + 1) {
                try await checkCommand(shell, doc, workspace, &log)
            }
        }
    }

    private func checkCommand(
        _ shell: ShellCommand, _ doc: MarkdownDoc, _ workspace: DocWorkspace, _ log: inout ExampleLog
    ) async throws {
        let command = try DocCommand(shell)
        let missing = command.missingRepositoryInputs
        #expect(missing.isEmpty, "\(doc.path):\(shell.line): \(shell) reads \(missing), which the repository lacks")
        switch try await command.plan(in: workspace) {
        case .validateOnly(let reason):
            log.validated.append("\(shell.line): \(reason)")
        case .run(let arguments, let environment):
            if !(command.parsed is DemoCommand) { try workspace.ensureServer() }
            let out = try await workspace.run(arguments, environment: environment)
            log.ran.append("\(shell.line): rehearse \(arguments.joined(separator: " ")) → \(out.status)")
            log.seconds += out.seconds
            #expect(
                command.acceptedStatuses.contains(out.status),
                """
                \(doc.path):\(shell.line): \(shell) ran as `rehearse \(arguments.joined(separator: " "))` and exited \
                \(out.status) (expected \(command.acceptedStatuses.sorted()))
                \(out.transcript.suffix(3000))
                """)
        }
    }
}

/// What one document's examples did, printed after its test (which ran, which were only parsed, and why).
struct ExampleLog {
    var doc: String
    var loaded = 0
    var ran: [String] = []
    var validated: [String] = []
    var seconds = 0.0

    var summary: String {
        var lines = [
            "\(doc): \(loaded) YAML examples loaded, \(ran.count) commands run "
                + "(\(String(format: "%.1f", seconds)) s), \(validated.count) parsed only"
        ]
        lines += ran.map { "  ran    \($0)" } + validated.map { "  parsed \($0)" }
        return lines.joined(separator: "\n")
    }
}
