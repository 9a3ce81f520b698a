import ArgumentParser
import CurlURL
import Foundation
import Recording
import Scenario

/// `rehearse init`: a starting profile and flow with comments, from a URL or a browser recording, so nobody starts
/// from a blank file (k6's `k6 new`).
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a starting profile and flow (from a URL, or from a HAR recording) to edit and run.",
        discussion: """
            Writes PROFILE (default profile.yaml) and flows/<name>.yaml next to it. From --url: one step that \
            loads the URL, one role, a small load, a spinner limit and a release gate, every line commented. \
            From --har: the recording imported as `rehearse import har` does (correlation, role fields, secrets \
            to the environment). What is written is loaded back before anything is written; existing files are \
            never replaced without --force.

            Examples:
              rehearse init --url https://staging.example.com/dashboard
              rehearse init --har dashboard.har -o Profiles/dashboard.yaml
              rehearse validate profile.yaml && rehearse run profile.yaml
            """)

    @Option(help: "The page or API the flow starts with (http or https).")
    var url: String?

    @Option(help: "A browser recording (HAR) to import as the flow.")
    var har: String?

    @Option(name: [.short, .customLong("output")], help: "The profile to write; its flow goes to flows/ beside it.")
    var output = "profile.yaml"

    @Option(help: "The flow's name (default: the URL's last path segment, or the HAR file's name).")
    var name: String?

    @Flag(help: "Replace files that exist.")
    var force = false

    @OptionGroup var global: GlobalOptions

    func run() throws {
        guard (url == nil) != (har == nil) else { throw bad("give exactly one of --url and --har") }
        let folder = (PathText.parent(output) as NSString)
        let flowName = try self.flowName()
        let flowPath = folder.appendingPathComponent("flows/\(flowName).yaml")
        for path in [output, flowPath] where !force && FileManager.default.fileExists(atPath: path) {
            throw bad("\(path) exists; pass --force to replace it")
        }
        var files: [(path: String, text: String)]
        var report: ImportReport?
        if let url {
            files = [
                (output, try StarterProfile.profile(url: url, flow: flowName)),
                (flowPath, try StarterProfile.flow(url: url, name: flowName)),
            ]
        } else {
            (files, report) = try imported(flowName: flowName, flowPath: flowPath)
        }
        try check(files, profile: output)
        do {
            try FileManager.default.createDirectory(
                atPath: PathText.parent(flowPath), withIntermediateDirectories: true)
            try AtomicFiles.write(files)
        } catch {
            Console.err("error: cannot write \(error)")
            throw ExitStatus.runError.exitCode
        }
        if let report, !global.quiet { Console.err(ImportReportText.render(report, output: flowPath)) }
        if !global.quiet {
            Console.err("wrote \(output) and \(flowPath)\nnext: rehearse validate \(output) && rehearse run \(output)")
        }
    }

    /// The HAR imported, with a profile naming the flow.
    private func imported(flowName: String, flowPath: String) throws -> ([(path: String, text: String)], ImportReport) {
        var options = ImportOptions()
        options.name = flowName
        let result = try ImportRun.run { () throws(ImportError) in try HARImport.run(path: har ?? "", options: options)
        }
        let profile = ProfileYAMLWriter.write(
            report: result.report, flowName: result.flow.name, flowPath: flowPath, profilePath: output,
            workingDirectory: FileManager.default.currentDirectoryPath)
        return ([(output, StarterProfile.harHeader + profile), (flowPath, result.yaml)], result.report)
    }

    /// Loads what is about to be written, from a scratch folder, so a starting profile always validates.
    private func check(_ files: [(path: String, text: String)], profile: String) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "rehearse-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let base = PathText.parent(profile)
        for (path, text) in files {
            let relative = base.isEmpty ? path : String(path.dropFirst(base.count).drop { $0 == "/" })
            let target = scratch.appendingPathComponent(relative)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: target, atomically: true, encoding: .utf8)
        }
        var environment: [String: String] = [:]
        for name in Self.environmentNames(in: files.map(\.text).joined(separator: "\n")) {
            environment[name] = name.hasSuffix("URL") ? "http://127.0.0.1" : "placeholder"
        }
        do {
            _ = try ProfileLoader(environment: environment)
                .load(path: scratch.appendingPathComponent((profile as NSString).lastPathComponent).path)
        } catch {
            Console.err("error: the starting files do not load (a bug; please report it): \(error)")
            throw ExitStatus.runError.exitCode
        }
    }

    /// `{{env.NAME}}` and `{ env: NAME }` in the text.
    static func environmentNames(in text: String) -> Set<String> {
        let patterns = [#/\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/#, #/env:\s*([A-Za-z_][A-Za-z0-9_]*)/#]
        return Set(patterns.flatMap { text.matches(of: $0).map { String($0.1) } })
    }

    private func flowName() throws -> String {
        if let name { return name }
        if let har { return ((har as NSString).lastPathComponent as NSString).deletingPathExtension }
        guard let parsed = ParsedURL(url ?? "") else {
            throw bad("--url: \"\(url ?? "")\" is not an http or https URL; expected e.g. https://staging.example.com/")
        }
        let last = parsed.path.split(separator: "/").last.map(String.init) ?? ""
        let cleaned = String(last.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
        return cleaned.isEmpty ? "home" : cleaned
    }

    private func bad(_ message: String) -> ExitCode {
        Console.err("error: \(message)")
        return ExitStatus.badInput.exitCode
    }
}
