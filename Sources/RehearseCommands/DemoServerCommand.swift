import ArgumentParser
import DemoStaging

/// `rehearse demo-server`: the embedded demo staging target on its own, for trying profiles by hand.
struct DemoServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-server",
        abstract: "Serve the embedded demo staging target (a dashboard API with a row-level-security problem).",
        discussion: """
            Accounts: admin@demo.test / demo-admin (role admin), user1..user20@demo.test / demo-user (role user).
            The user role's dashboard query scans `--rows` rows through nested RLS joins and queues behind a pool of
            `--pool` database connections, so it collapses under concurrency; admin's query uses an index.
            A browser can drive it too: http://127.0.0.1:8787/#email=user1@demo.test&password=demo-user signs in
            and loads the dashboard page (scripts/record-har.sh records that into a HAR).

            Examples:
              rehearse demo-server --port 8787
              rehearse demo-server --port 8787 --policy fixed     # the "fixed" release: an index for users too
            """)

    @OptionGroup var demo: DemoServerOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let server = try demo.start()
        Console.out(
            "Demo staging listening on http://\(demo.host):\(server.port)  (policy \(demo.policy.rawValue), \(demo.rows) rows, pool \(demo.pool)) — Ctrl-C to stop"
        )
        let trap = SignalTrap { _ in server.shutdown() }
        server.waitUntilClosed()
        trap.release()
    }
}

/// Options shared by `demo-server` and `demo`.
struct DemoServerOptions: ParsableArguments {
    @Option(help: "Address to listen on (loopback only by default: the demo accounts have public passwords).")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8787

    @Option(help: "Rows the user role's dashboard query scans (its cost grows with them).")
    var rows = DemoOptions().rows

    @Option(help: "Database connections the RLS queries share.")
    var pool = DemoOptions().poolSize

    @Option(help: "slow (nested RLS joins) or fixed (an index makes user queries cheap).")
    var policy: DemoOptions.Policy = .slow

    func start() throws -> DemoStagingServer {
        var options = DemoOptions()
        options.rows = rows
        options.poolSize = pool
        options.policy = policy
        do {
            return try DemoStagingServer.start(host: host, port: port, options: options)
        } catch {
            Console.err(
                "error: cannot listen on \(host):\(port): \(error)\n  hint: is another demo server running? Try --port 0 or another port."
            )
            throw ExitStatus.runError.exitCode
        }
    }
}

extension DemoOptions.Policy: ExpressibleByArgument {}
