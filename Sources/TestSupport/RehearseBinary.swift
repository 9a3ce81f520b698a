import Foundation

/// The built `rehearse` executable, run as a user runs it, for end-to-end tests: no colour, the plain progress lines
/// of CI (`NO_COLOR`, `CI`), and a bounded wait (see ``ChildProcess``).
public enum RehearseBinary {
    /// The package root, three levels above this file (`Sources/TestSupport/<file>`).
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `.build/debug/rehearse`, which `swift build` (or `swift build --build-tests`) makes.
    public static let path = packageRoot.appendingPathComponent(".build/debug/rehearse").path

    /// Starts `rehearse ARGUMENTS` in `directory` (default: the package root) and returns the running child.
    public static func start(
        _ arguments: [String], environment: [String: String] = [:], directory: String? = nil, input: String = ""
    ) throws -> ChildProcess {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw ChildProcess.Failure(
                "\(path) is missing: run `swift build` (or `swift build --build-tests`, as `make test` does) first")
        }
        var conventions = ["NO_COLOR": "1", "CI": "1"]
        conventions.merge(environment) { $1 }
        return try ChildProcess(
            path, arguments, environment: conventions, directory: directory ?? packageRoot.path, input: input)
    }

    /// Runs `rehearse ARGUMENTS` to its end (at most `timeout`) and returns what it printed.
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], directory: String? = nil, input: String = "",
        timeout: Duration = .seconds(60)
    ) throws -> ChildProcess.Output {
        try start(arguments, environment: environment, directory: directory, input: input).wait(timeout: timeout)
    }
}
