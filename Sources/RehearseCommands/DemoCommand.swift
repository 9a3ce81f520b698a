import ArgumentParser
import DemoStaging
import Foundation
import Scenario

/// `rehearse demo`: starts the demo staging target in-process and runs `Profiles/demo.yaml` against it for both
/// roles — the product's point in one minute, with no staging of your own.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the embedded demo: the same dashboard as admin and as user, under load.",
        discussion: """
            Exits 0 when the demo ran (its failures are the point), 2/3 on bad input or a run error.

            Examples:
              rehearse demo
              rehearse demo --duration 20s
            """)

    @Option(help: "The demo profile.")
    var profile = "Profiles/demo.yaml"

    @OptionGroup var server: DemoServerOptions
    @OptionGroup var options: RunOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
        var environment = ProcessInfo.processInfo.environment
        // The demo target's public demo credential.
        environment["DEMO_ADMIN_PASSWORD"] = environment["DEMO_ADMIN_PASSWORD"] ?? "demo-admin"
        let loaded = try options.apply(to: try ProfileInput.load(profile, environment: environment))
        let staging = try server.start()
        defer { staging.shutdown() }
        explain(loaded)
        let status = try RunSession(profile: loaded, overrides: options, global: global, environment: environment)
            .execute()
        let t = loaded.timeouts
        Console.out(
            """

            What you saw: one dashboard loaded at the same time by admin and by user VUs. The user's tasks query \
            runs nested row-level-security joins behind a small DB pool: it queues past the \(t.spinner.shortText) \
            spinner and times out at \(t.request.shortText); admin's stays fast. The role diff names the step, and \
            the server's own timings (Server-Timing) split its time: waiting for a pool connection, then the query.
            Next: rehearse diff-roles Results/<run> · rehearse report Results/<run> --slowest 3 · \
            rehearse knee \(profile) --vus 1..32 (needs rehearse demo-server)
            """)
        if status == .badInput || status == .runError { throw status.exitCode }
    }

    private func explain(_ p: Profile) {
        guard !global.quiet else { return }
        let roles = p.roles.map(\.name).joined(separator: " and ")
        Console.err(
            "Demo staging on \(p.target.baseURL) · replaying \(p.flows.map(\.name).joined(separator: ", ")) as \(roles) with \(p.maxVUs) VUs"
        )
    }
}
