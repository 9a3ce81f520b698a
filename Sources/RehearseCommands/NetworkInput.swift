import Scenario

/// `--network` on the command line: a preset name, inline conditions, or `none`.
enum NetworkInput {
    static func parse(_ text: String) throws -> NetworkConditions {
        do { return try NetworkDecoder.parse(commandLine: text) } catch {
            Console.err(error.description)
            throw ExitStatus.badInput.exitCode
        }
    }
}
