import Scenario

/// The flow an import wrote, checked by loading it back, with the report of what the import did.
public struct ImportResult: Sendable {
    /// The flow as `FlowDecoder` reads the YAML back (so it is exactly what `rehearse run` will replay).
    public var flow: Flow
    /// The flow file's text.
    public var yaml: String
    public var report: ImportReport
}

/// `rehearse import har`: a HAR 1.2 file (Chrome, Firefox, Safari, mitmproxy, Charles) to a flow.
public enum HARImport {
    /// Reads, filters, lays out, correlates and scrubs the HAR at `path`.
    public static func run(path: String, options: ImportOptions = ImportOptions()) throws(ImportError) -> ImportResult {
        var filter = try EntryFilter(excludes: options.excludePatterns, includes: options.includeHosts)
        let summary = try HARReader.read(path: path) { filter.add($0) }
        guard let (kept, hosts) = filter.finish(needsResponse: true), !kept.isEmpty else {
            throw NothingLeft.error(source: path, entries: summary.entryCount, drops: filter.drops)
        }
        let importer = FlowImporter(
            exchanges: kept, pages: summary.pages, origins: OriginTable(main: hosts.mainOrigin),
            serverCookies: filter.serverCookies, options: options, source: path, entries: summary.entryCount,
            dropped: filter.drops)
        let (flow, report) = importer.run()
        return try FlowOutput.finish(flow, report: report, command: "rehearse import har")
    }
}

/// The error when filtering left nothing: what was dropped, and how to keep more.
enum NothingLeft {
    static func error(source: String, entries: Int, drops: DropTally) -> ImportError {
        let reasons = drops.categories.map { "\($0.category) \($0.count)" }.joined(separator: ", ")
        let hosts =
            drops.categories.first { $0.category == DropReason.otherHost(host: "").category }?.details
            .prefix(5).map { "\($0.0) (\($0.1))" } ?? []
        let hint =
            hosts.isEmpty
            ? "check --exclude patterns; static assets, preflights and cached answers are never kept"
            : "keep a host with --include-host, e.g. --include-host \(hosts[0].split(separator: " ")[0]); hosts seen: "
                + hosts.joined(separator: ", ")
        return ImportError(
            file: source, message: "no request left to import: all \(entries) entries were dropped (\(reasons))",
            hint: hint)
    }
}

/// The last stage of every import: the YAML text, proved to load with `FlowDecoder`, and to load back the
/// same captures (each proved on its recorded response before it was written).
enum FlowOutput {
    static func finish(_ flow: Flow, report: ImportReport, command: String) throws(ImportError) -> ImportResult {
        let yaml: String
        let loaded: Flow
        do {
            yaml = try FlowYAMLWriter.write(flow, comments: header(report, command: command))
            loaded = try FlowDecoder.decode(yaml: yaml, file: flow.name + ".yaml")
        } catch {
            throw ImportError(
                file: report.source, message: "the flow written from this recording does not load: \(error)",
                hint: "this is a bug in the import; the recording holds something the writer does not handle")
        }
        guard captures(loaded) == captures(flow) else {
            throw ImportError(
                file: report.source, message: "the flow written from this recording reads its captures differently",
                hint: "this is a bug in the import; the recording holds a key the writer does not escape")
        }
        return ImportResult(flow: loaded, yaml: yaml, report: report)
    }

    /// Every capture of the flow, in order (groups flattened).
    static func captures(_ flow: Flow) -> [Capture] {
        flow.steps.flatMap { step -> [Capture] in
            switch step {
            case .request(let r): r.captures
            case .group(let g): g.requests.flatMap(\.captures)
            case .think: []
            }
        }
    }

    private static func header(_ report: ImportReport, command: String) -> [String] {
        let file = report.source.split(separator: "/").last.map(String.init) ?? report.source
        var lines = [
            "Imported from \(file) by `\(command)`.",
            "Paths are joined to the profile's target.base_url; set it from the environment:",
            "  target:",
            "    base_url: \"{{env.\(OriginTable.mainVariable)}}\"   # recorded: \(report.origins.mainOrigin)",
        ]
        for (variable, origin) in report.origins.entries.dropFirst() {
            lines.append("Also \(variable) (recorded: \(origin)); add its host to target.allow_hosts.")
        }
        if !report.secrets.isEmpty {
            lines.append("Secrets from the recording are read from the environment (values not written here):")
            lines.append("  " + report.secrets.map(\.name).joined(separator: ", "))
        }
        if !report.roleFields.isEmpty {
            lines.append(
                "Role fields: " + report.roleFields.joined(separator: ", ") + " (the profile's roles give them).")
        }
        return lines
    }
}
