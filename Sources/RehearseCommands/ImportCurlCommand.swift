import ArgumentParser
import Foundation
import Recording

/// `rehearse import curl "CMD"`: "Copy as cURL (bash)" commands to a flow.
struct ImportCurlCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curl",
        abstract: "Import one or several \"Copy as cURL (bash)\" commands as a flow.",
        discussion: """
            Commands may be separated by newlines, ; or &&. Understood: -H, -X, -d/--data, --data-raw, \
            --data-binary, --data-urlencode, --json, -b/--cookie, -u/--user, --url, -G, -I, -A, -e; \
            --compressed, -k, -L, -s and similar are accepted and ignored. Any other option is an error.

            Examples:
              rehearse import curl "curl 'https://staging.example.com/api/me' -H 'apikey: …'"
              rehearse import curl --file requests.sh -o flows/api.yaml
              pbpaste | rehearse import curl - -o flows/api.yaml
            """)

    @Argument(help: "The curl command(s), or - to read them from stdin.")
    var command: String?

    @Option(help: "Read the curl command(s) from this file.")
    var file: String?

    @OptionGroup var output: ImportOutput

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if (command == nil) == (file == nil) {
            throw ValidationError("give the curl command as an argument, - for stdin, or --file FILE (one of them)")
        }
    }

    func run() throws {
        let (text, source) = try input()
        var options = ImportOptions()
        options.roleFields = output.roleFieldList
        options.name = output.flowName
        let result = try ImportRun.run { () throws(ImportError) in
            try CurlImport.run(text: text, source: source, options: options)
        }
        try output.deliver(result, quiet: global.quiet)
    }

    private func input() throws -> (String, String) {
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                Console.err("\(file): error: cannot read the file")
                throw ExitStatus.badInput.exitCode
            }
            return (text, file)
        }
        if command == "-" {
            return (String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self), "stdin")
        }
        return (command ?? "", "curl")
    }
}
