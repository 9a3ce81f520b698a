import ArgumentParser
import Engine
import Scenario

/// `rehearse proxy`: the latency proxy on its own, so a person can point a browser or curl at it and see the
/// spinner for themselves.
struct ProxyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proxy",
        abstract: "Run the network-emulation proxy on its own: listen locally, forward to an upstream with latency.",
        discussion: """
            TLS passes through untouched: point the client at the proxy while keeping the real host name, e.g.
            curl --connect-to staging.example.com:443:127.0.0.1:9000 https://staging.example.com/
            chromium --host-resolver-rules="MAP staging.example.com:443 127.0.0.1:9000" https://staging.example.com/

            Examples:
              rehearse proxy --listen 127.0.0.1:9000 --upstream staging.example.com:443 --network slow-4g
              rehearse proxy --listen 127.0.0.1:9000 --upstream 127.0.0.1:8787 --network '{rtt: 300ms, down: 1mbit}'
            """)

    @Option(help: "Address to listen on, HOST:PORT (loopback by default).")
    var listen = "127.0.0.1:9000"

    @Option(help: "Where to forward, HOST:PORT.")
    var upstream: String

    @Option(help: "A preset name (see `rehearse network list`) or inline conditions like '{rtt: 100ms, down: 2mbit}'.")
    var network: String

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let conditions = try NetworkInput.parse(network)
        let (listenHost, listenPort) = try address(listen, option: "--listen")
        let (upHost, upPort) = try address(upstream, option: "--upstream")
        let proxy: StandaloneProxy
        do {
            proxy = try StandaloneProxy(
                listenHost: listenHost, listenPort: listenPort, upstreamHost: upHost, upstreamPort: upPort,
                conditions: conditions)
        } catch {
            Console.err("error: --listen: cannot listen on \(listen): \(error)")
            throw ExitStatus.runError.exitCode
        }
        Console.out("proxy \(listenHost):\(proxy.port) → \(upstream) with \(conditions.summaryText) — Ctrl-C to stop")
        let stop = StopFlag()
        let trap = SignalTrap { _ in stop.raise() }
        while !stop.wait(seconds: 3600) {}
        trap.release()
        proxy.shutdown()
    }

    private func address(_ text: String, option: String) throws -> (String, Int) {
        do { return try HostPortText.parse(text) } catch {
            Console.err("error: \(option): \(error)")
            throw ExitStatus.badInput.exitCode
        }
    }
}
