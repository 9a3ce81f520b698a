import ArgumentParser
import Recording
import Scenario

/// `rehearse import har FILE`: a browser or proxy HAR export to a flow.
struct ImportHARCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "har",
        abstract: "Import a HAR file (Chrome, Firefox, Safari, mitmproxy, Charles) as a flow.",
        discussion: """
            Kept: the page documents, XHR/fetch and other calls to the main site (the host of the first page \
            loaded, with its sibling hosts). Dropped, and counted by reason: static assets, other hosts, CORS \
            preflights, beacons, cached answers, requests without a response. Requests that overlapped in time \
            become a parallel group (named after the HAR page); recorded pauses become think times. Each step checks \
            its recorded status's class (status: 2xx), so a role that sees other data still passes; \
            --strict-status checks the exact codes.

            Examples:
              rehearse import har dashboard.har -o Profiles/flows/dashboard.yaml
              rehearse import har app.har -o flows/app.yaml --profile app.yaml
              rehearse import har app.har --include-host api.example.com
              rehearse import har app.har --exclude '/telemetry' --think-scale 0.5
              rehearse import har app.har --role-fields login,pin --max-think 3s
            """)

    @Argument(help: "The HAR file.")
    var file: String

    @OptionGroup var output: ImportOutput

    @Option(name: .customLong("include-host"), help: "Keep exactly these hosts (host, host:port, *.site); repeatable.")
    var includeHosts: [String] = []

    @Option(help: "Drop requests whose URL matches this regular expression; repeatable.")
    var exclude: [String] = []

    @Option(name: .customLong("max-think"), help: "Longest think time written.")
    var maxThink = "5s"

    @Option(name: .customLong("think-scale"), help: "Multiply recorded pauses by this (0 writes none).")
    var thinkScale = 1.0

    @Flag(name: .customLong("check-content-type"), help: "Also check each response's content type, as recorded.")
    var checkContentType = false

    @Flag(
        name: .customLong("strict-status"),
        help: "Check each recorded status exactly (200), not its class (2xx, the default: other roles' data passes).")
    var strictStatus = false

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard thinkScale >= 0, thinkScale.isFinite else {
            throw ValidationError("--think-scale must be 0 or more (0 writes no think time)")
        }
        guard DurationText.parse(maxThink) != nil else {
            throw ValidationError("--max-think '\(maxThink)': expected a duration such as 5s or 800ms")
        }
    }

    func run() throws {
        var options = ImportOptions()
        options.includeHosts = includeHosts
        options.excludePatterns = exclude
        options.roleFields = output.roleFieldList
        options.maxThink = DurationText.parse(maxThink) ?? .seconds(5)
        options.thinkScale = thinkScale
        options.name = output.flowName
        options.checkContentType = checkContentType
        options.strictStatus = strictStatus
        let result = try ImportRun.run { () throws(ImportError) in try HARImport.run(path: file, options: options) }
        try output.deliver(result, quiet: global.quiet)
    }
}
