import ArgumentParser
import Foundation
import Recording

/// Output options shared by `import har` and `import curl`, and how results are written: whole files or
/// nothing (a temporary file renamed into place once everything succeeded).
struct ImportOutput: ParsableArguments {
    @Option(name: [.short, .customLong("output")], help: "Write the flow here (default: stdout).")
    var output: String?

    @Option(help: "Also write a starting profile here (base URL and role fields from the environment).")
    var profile: String?

    @Option(help: "The flow's name (default: the output file's name, else the input's).")
    var name: String?

    @Option(
        name: .customLong("role-fields"),
        help: """
            Fields that become {{role.FIELD}} wherever they appear (query, form, JSON, raw body; the same value in \
            a path or header too), comma-separated (default: email,username,password).
            """)
    var roleFields: String?

    func validate() throws {
        if profile != nil, output == nil {
            throw ValidationError("--profile needs -o: the profile names the flow file it runs")
        }
    }

    /// The flow's name: `--name`, else the output file's name (as the loader would call it), else `nil`
    /// (the input's name).
    var flowName: String? {
        name ?? output.map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension }
    }

    /// The role fields as a list; `nil` for the default.
    var roleFieldList: [String]? {
        roleFields.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
    }

    /// Prints the report, writes the flow (and profile) or prints the flow to stdout.
    func deliver(_ result: ImportResult, quiet: Bool) throws {
        guard let output else {
            if !quiet { Console.err(ImportReportText.render(result.report, output: nil)) }
            FileHandle.standardOutput.write(Data(result.yaml.utf8))
            return
        }
        let directory = FileManager.default.currentDirectoryPath
        var files = [(output, result.yaml)]
        if let profile {
            guard AtomicFiles.standardized(profile) != AtomicFiles.standardized(output) else {
                Console.err("error: -o and --profile name the same file (\(output)); give the profile its own file")
                throw ExitStatus.badInput.exitCode
            }
            files.append(
                (
                    profile,
                    ProfileYAMLWriter.write(
                        report: result.report, flowName: result.flow.name, flowPath: output, profilePath: profile,
                        workingDirectory: directory)
                ))
        }
        do {
            try AtomicFiles.write(files)
        } catch {
            Console.err("error: cannot write \(error)")
            throw ExitStatus.runError.exitCode
        }
        if !quiet {
            let written = ([output] + (profile.map { [$0] } ?? [])).joined(separator: " and ")
            Console.err(ImportReportText.render(result.report, output: written))
        }
    }
}

/// Writes files so that a reader never sees a partial one: each goes to a temporary file in the same folder,
/// and only when all are written are they renamed into place.
enum AtomicFiles {
    struct Failure: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "\(path): \(reason)" }
    }

    /// Writes every file or none: targets that are folders (or the same file twice) are refused before
    /// anything is written, and no file is renamed into place before all were written.
    static func write(_ files: [(path: String, text: String)]) throws {
        var seen: Set<String> = []
        for (path, _) in files {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw Failure(path: path, reason: "is a folder; name a file")
            }
            guard seen.insert(standardized(path)).inserted else {
                throw Failure(path: path, reason: "named twice")
            }
        }
        var temporaries: [(String, String)] = []
        var created: [String] = []
        defer {
            for (temporary, _) in temporaries { unlink(temporary) }
            // A failed write leaves nothing behind, not even the folders made for it (deepest first).
            for folder in created.reversed() { rmdir(folder) }
        }
        for (path, _) in files {
            created += try makeFolders(for: path)
        }
        for (path, text) in files {
            let folder = PathText.parent(path)
            let name = (path as NSString).lastPathComponent
            let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).tmp-\(getpid())"
            guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
                throw Failure(path: path, reason: reason(folder: folder))
            }
            temporaries.append((temporary, path))
        }
        for (temporary, path) in temporaries {
            guard rename(temporary, path) == 0 else {
                throw Failure(path: path, reason: String(cString: strerror(errno)))
            }
        }
        temporaries = []
        created = []
    }

    /// Creates the missing folders above `path` (`flows/` for `flows/x.yaml`); the folders it made, outermost
    /// first.
    private static func makeFolders(for path: String) throws -> [String] {
        var missing: [String] = []
        var folder = PathText.parent(path)
        while !folder.isEmpty, folder != "/", !FileManager.default.fileExists(atPath: folder) {
            missing.insert(folder, at: 0)
            folder = PathText.parent(folder)
        }
        var made: [String] = []
        for folder in missing {
            guard mkdir(folder, 0o777) == 0 || errno == EEXIST else {
                let reason = String(cString: strerror(errno))
                for done in made.reversed() { rmdir(done) }
                throw Failure(path: path, reason: "cannot create the folder \(folder): \(reason)")
            }
            made.append(folder)
        }
        return made
    }

    /// The path absolute, with `.`, `..` and symbolic links resolved, to compare two names of one file.
    static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    private static func reason(folder: String) -> String {
        var isDirectory: ObjCBool = false
        let directory = folder.isEmpty ? "." : folder
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            return "the folder \(directory) does not exist"
        }
        return "the folder \(directory) is not writable"
    }
}

/// Runs an import, turning its error into the documented message and exit code 2.
enum ImportRun {
    static func run(_ body: () throws(ImportError) -> ImportResult) throws -> ImportResult {
        do {
            return try body()
        } catch {
            Console.err(error.description)
            throw ExitStatus.badInput.exitCode
        }
    }
}
