import ArgumentParser
import Foundation
import Scenario

@testable import RehearseCommands

/// A `rehearse …` command of the docs, parsed in process by the real argument parser, and what running it against
/// the demo target takes (docs/development.md "Examples that run").
struct DocCommand {
    let shell: ShellCommand
    let parsed: any ParsableCommand

    /// How the example is checked beyond parsing.
    enum Plan: Equatable {
        /// Run with these arguments (placeholders filled, the load bounded) and this extra environment.
        case run(arguments: [String], environment: [String: String])
        /// Parsed only; the reason says why it cannot run here.
        case validateOnly(String)
    }

    /// Parses `shell` as the binary does: an unknown subcommand or option, a missing argument or a value of the
    /// wrong type is an error with the parser's own message.
    init(_ shell: ShellCommand) throws(DocProblem) {
        self.shell = shell
        parsed = try Self.parse(shell.arguments, line: shell.line)
    }

    static func parse(_ arguments: [String], line: Int) throws(DocProblem) -> any ParsableCommand {
        if let unknown = Rehearse.unknownCommand(in: arguments) {
            throw DocProblem(line: line, "rehearse \(arguments.joined(separator: " ")): \(unknown)")
        }
        do {
            return try Rehearse.parseAsRoot(arguments)
        } catch {
            throw DocProblem(
                line: line, "rehearse \(arguments.joined(separator: " ")): \(Rehearse.fullMessage(for: error))")
        }
    }

    /// The files and folders the command reads (not what it writes).
    static func inputs(of command: any ParsableCommand) -> [String] {
        switch command {
        case let c as RunCommand: [c.profile]
        case let c as ValidateCommand: [c.profile]
        case let c as ProbeCommand: [c.profile]
        case let c as KneeCommand: [c.profile]
        case let c as KubernetesCommand: [c.profile]
        case let c as DemoCommand: [c.profile]
        case let c as ReportCommand: [c.folder]
        case let c as DiffRolesCommand: [c.folder]
        case let c as CompareCommand: [c.baseline, c.candidate]
        case let c as MergeCommand: c.folders
        case let c as ImportHARCommand: [c.file]
        case let c as ImportCurlCommand: [c.file].compactMap { $0 }
        case let c as InitCommand: [c.har].compactMap { $0 }
        default: []
        }
    }

    /// The repository's top-level folders (`Profiles`, `Tests`, `scripts`…): a path starting with one is a file of
    /// the repository, and must exist.
    static let repositoryFolders: Set<String> = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: MarkdownDoc.root.path)) ?? []
        return Set(
            names.filter { name in
                var isFolder: ObjCBool = false
                return !name.hasPrefix(".") && name != "Results"
                    && FileManager.default.fileExists(
                        atPath: MarkdownDoc.root.appendingPathComponent(name).path, isDirectory: &isFolder)
                    && isFolder.boolValue
            })
    }()

    /// Inputs that name a file of the repository which does not exist.
    var missingRepositoryInputs: [String] {
        Self.inputs(of: parsed).filter { path in
            guard let first = path.split(separator: "/").first, Self.repositoryFolders.contains(String(first)) else {
                return false
            }
            return !FileManager.default.fileExists(atPath: MarkdownDoc.root.appendingPathComponent(path).path)
        }
    }

    /// The exit codes that mean the example worked: its own verdicts (failed requests, thresholds, a degraded
    /// probe, a regression) are the demo target's answer; bad input (2) and run errors (3) are the example's fault.
    var acceptedStatuses: Set<Int32> {
        switch parsed {
        case is ProbeCommand: [0, 1, 2]
        case is CompareCommand: [0, 1]
        case is RunCommand, is DemoCommand, is KneeCommand, is MergeCommand: [0, 1, 97, 98, 99]
        default: [0]
        }
    }

    /// A word that stands for something the reader fills in: `Results/<run>`.
    static func isPlaceholder(_ word: String) -> Bool {
        word.contains("<") && word.contains(">")
    }
}

/// A problem an example has, at a line of its document.
struct DocProblem: Error, CustomStringConvertible {
    var line: Int
    var message: String

    init(line: Int, _ message: String) {
        self.line = line
        self.message = message
    }

    var description: String { "line \(line): \(message)" }
}
