import ArgumentParser

/// `rehearse import`: turn recordings into flows.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a browser HAR recording or \"Copy as cURL\" commands into a flow.",
        discussion: """
            The import keeps the calls that matter (documents, XHR/fetch, API calls on the recorded site), \
            replaces values taken from earlier responses by captures (tokens, IDs), login fields by \
            {{role.…}}, and secrets by {{env.…}}. It prints what it kept, dropped, correlated and replaced to \
            stderr. Nothing is written unless the whole import succeeds.

            Exit codes: 0 written; 2 bad input (unreadable, truncated or non-HAR file, nothing left after \
            filtering, unsupported curl option); 3 the output cannot be written.
            """,
        subcommands: [ImportHARCommand.self, ImportCurlCommand.self])
}
