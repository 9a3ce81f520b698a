/// `rehearse import curl`: one or several "Copy as cURL (bash)" commands to a flow of sequential steps.
public enum CurlImport {
    /// Parses `text`; `source` names it in errors (`curl` for a command-line argument, or the file).
    public static func run(text: String, source: String = "curl", options: ImportOptions = ImportOptions())
        throws(ImportError) -> ImportResult
    {
        let commands: [CurlCommand]
        do {
            commands = try CurlParser.parse(text)
        } catch {
            let position = TextPosition.of(scalarOffset: error.offset, in: text)
            throw ImportError(
                file: source, line: position.line, column: position.column, message: error.message, hint: error.hint)
        }
        let exchanges = commands.enumerated().compactMap { $1.recorded(index: $0) }
        guard let first = exchanges.first.flatMap({ RecordedURL.parse($0.request.url) }) else {
            throw ImportError(file: source, message: "no curl command found")
        }
        let importer = FlowImporter(
            exchanges: exchanges, origins: OriginTable(main: first.origin), options: options, source: source,
            entries: commands.count)
        var (flow, report) = importer.run()
        for note in commands.flatMap(\.notes) where !report.notes.contains(note) { report.notes.append(note) }
        if options.name == nil, source == "curl" { flow.name = "curl" }
        return try FlowOutput.finish(flow, report: report, command: "rehearse import curl")
    }
}

extension TextPosition {
    /// Line and column of a Unicode-scalar offset in `text`.
    static func of(scalarOffset offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for (i, scalar) in text.unicodeScalars.enumerated() {
            if i == offset { break }
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
