import ArgumentParser
import Foundation
import Scenario
import TestSupport

@testable import RehearseCommands

/// Whether and how a doc command runs in the workspace (docs/development.md "Examples that run").
extension DocCommand {
    /// The recorded demo HAR, which stands in for a reader's recording (`dashboard.har`).
    static let recordedHAR = MarkdownDoc.root.appendingPathComponent(
        "Tests/EndToEndTests/Fixtures/recorded/chromium-mitmproxy-user.har"
    ).path

    /// The load every run and demo example gets, so a doc's examples take seconds.
    static let boundedLoad = ["--duration": "2s", "--vus": "2"]

    /// How to check the command beyond parsing. May make a run first, when the command reads `Results/<run>` and
    /// the doc's earlier commands made none.
    func plan(in workspace: DocWorkspace) async throws -> Plan {
        if let reason = staticReason { return .validateOnly(reason) }
        var arguments = shell.arguments
        if arguments.contains(where: { $0.hasPrefix("/") }) {
            return .validateOnly("it names a path outside the workspace")
        }
        for (index, word) in arguments.enumerated() where Self.isPlaceholder(word) {
            guard word.hasPrefix("Results/<"), word.hasSuffix(">") else {
                return .validateOnly("\(word) is a placeholder the test cannot fill")
            }
            if let run = workspace.newestRun() {
                arguments[index] = run
            } else {
                arguments[index] = try await Self.makeRun(in: workspace)
            }
        }
        let command = try Self.parse(arguments, line: shell.line)
        for input in Self.inputs(of: command) {
            if input.contains("*") {
                let matches = workspace.expand(input)
                guard !matches.isEmpty, let at = arguments.firstIndex(of: input) else {
                    return .validateOnly("\(input) matches no file here")
                }
                arguments.replaceSubrange(at...at, with: matches)
            } else if !workspace.exists(input) {
                guard input.hasSuffix(".har") else { return .validateOnly("it reads \(input), the reader's own file") }
                try workspace.write(input, String(contentsOfFile: Self.recordedHAR, encoding: .utf8))
            }
        }
        if let reason = try targetReason(command, in: workspace) { return .validateOnly(reason) }
        return .run(arguments: bounded(arguments, command, workspace), environment: shell.environment)
    }

    /// Commands that cannot run here whatever the workspace holds.
    private var staticReason: String? {
        if shell.background { return "it runs in the background (the test's demo target stands in for it)" }
        if shell.piped { return "it reads what another command writes" }
        switch parsed {
        case is DemoServerCommand, is ProxyCommand: return "it serves until stopped"
        case let c as ProbeCommand where c.every != nil || c.serve != nil: return "it probes until stopped"
        case let c as RunCommand where c.scale.serve != nil: return "it serves /metrics on a fixed port"
        case let c as RunCommand where c.scale.startAt != nil: return "it waits for a wall-clock instant"
        default: return nil
        }
    }

    /// Commands that send load may only reach the loopback, and must be shortened to run here.
    private func targetReason(_ command: any ParsableCommand, in workspace: DocWorkspace) throws -> String? {
        let profilePath: String
        switch command {
        case let c as RunCommand: profilePath = c.profile
        case let c as ProbeCommand: profilePath = c.profile
        case let c as KneeCommand: profilePath = c.profile
        default: return nil
        }
        // A profile that does not load is run anyway: its exit 2 and message fail the test.
        guard
            let profile = try? ProfileLoader(environment: workspace.environment.merging(shell.environment) { $1 })
                .load(path: workspace.absolute(profilePath))
        else { return nil }
        let loopback: Set<String> = ["127.0.0.1", "localhost", "::1", "[::1]"]
        if let host = profile.target.allowHosts.first(where: { !loopback.contains($0) }) {
            return "its target \(host) is not on this machine"
        }
        if command is RunCommand, profile.hasNamedScenarios {
            return "a profile with scenarios: cannot be shortened from the command line"
        }
        return nil
    }

    /// The arguments with the load bounded: run and demo get `--duration 2s --vus 2` (`--iterations 2` when the
    /// example counts iterations); knee gets two levels of 2 s (1 s warm-up); demo serves on the workspace's port.
    private func bounded(_ arguments: [String], _ command: any ParsableCommand, _ workspace: DocWorkspace) -> [String] {
        var out = arguments
        switch command {
        case is RunCommand, is DemoCommand:
            if Self.value(of: "--iterations", in: out) != nil {
                out = Self.setting("--iterations", to: "2", in: out)
            } else {
                out = Self.setting("--duration", to: "2s", in: out)
            }
            out = Self.setting("--vus", to: "2", in: out)
            if command is DemoCommand {
                workspace.stopServer()
                out = Self.setting("--port", to: "\(workspace.port)", in: out)
            }
        case is KneeCommand:
            if Self.value(of: "--rate", in: out) != nil { out = Self.setting("--rate", to: "1/s..2/s", in: out) }
            if Self.value(of: "--vus", in: out) != nil { out = Self.setting("--vus", to: "1..2", in: out) }
            out = Self.setting("--warmup", to: "1s", in: Self.setting("--level", to: "2s", in: out))
        default: break
        }
        return out
    }

    /// A run of `Profiles/demo.yaml` for examples that read `Results/<run>` before the doc made one.
    static func makeRun(in workspace: DocWorkspace) async throws -> String {
        try workspace.ensureServer()
        let out = try await workspace.run(["run", "Profiles/demo.yaml", "--duration", "2s", "--vus", "2", "-q"])
        guard [0, 1].contains(out.status), let run = workspace.newestRun() else {
            throw DocProblem(line: 0, "the run made for Results/<run> placeholders failed:\n\(out.transcript)")
        }
        return run
    }

    static func value(of option: String, in arguments: [String]) -> String? {
        if let i = arguments.firstIndex(of: option), i + 1 < arguments.count { return arguments[i + 1] }
        return arguments.first { $0.hasPrefix(option + "=") }.map { String($0.dropFirst(option.count + 1)) }
    }

    /// `arguments` with `option`'s value replaced, or the option added.
    static func setting(_ option: String, to value: String, in arguments: [String]) -> [String] {
        var out = arguments
        if let i = out.firstIndex(of: option), i + 1 < out.count {
            out[i + 1] = value
        } else if let i = out.firstIndex(where: { $0.hasPrefix(option + "=") }) {
            out[i] = option + "=" + value
        } else {
            out += [option, value]
        }
        return out
    }
}
