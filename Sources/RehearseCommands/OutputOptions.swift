import ArgumentParser

/// `--out` and `--ca-file`, shared by `run`, `demo` and `probe`.
struct OutputOptions: ParsableArguments {
    @Option(
        name: .customLong("out"),
        help: "Folder for results and a failed probe's evidence (overrides the profile's output; default Results).")
    var out: String?

    @Option(help: "Extra CA certificate bundle (PEM) to trust, e.g. a staging CA.")
    var caFile: String?
}
