import ArgumentParser
import Dispatch
import Foundation
import MetricsEndpoint
import Reports
import Scenario
import Synchronization
import Verdicts

/// Runs one probe, or one every interval (with jitter, never overlapping) until SIGTERM/SIGINT, publishing each
/// result as a JSON line, a human line, metrics (served and/or written to a textfile) and evidence on failure.
struct ProbeSchedule {
    struct Settings {
        var repeatCount: Int
        var every: Duration?
        var jitter: Duration
        var serve: (host: String, port: Int)?
        var textfile: String?
        var out: String?
        var caFile: String?

        init(command c: ProbeCommand) throws {
            func bad(_ message: String) -> ExitCode {
                Console.err("error: \(message)")
                return ExitCode(ProbeExit.unknown)
            }
            guard c.repeat >= 1 else { throw bad("--repeat must be at least 1, got \(c.repeat)") }
            repeatCount = c.repeat
            if let text = c.every {
                guard let d = DurationText.parse(text), d > .zero else {
                    throw bad("--every: bad duration \"\(text)\"; expected a number with a unit, e.g. 5m")
                }
                every = d
            }
            jitter = (every ?? .zero) / 10
            if let text = c.jitter {
                guard let d = DurationText.parse(text) else {
                    throw bad("--jitter: bad duration \"\(text)\"; expected a number with a unit, e.g. 30s")
                }
                jitter = d
            }
            if let address = c.serve {
                do { serve = try HostPortText.parse(address) } catch { throw bad("--serve: \(error)") }
            }
            if let path = c.textfile {
                // Found before the first probe, not after it: a metrics file that is never written is a silent
                // outage of the monitoring.
                if let problem = TextfileWriter.problem(with: path) { throw bad("--textfile: \(problem)") }
            }
            textfile = c.textfile
            out = c.output.out
            caFile = c.output.caFile
        }
    }

    var settings: Settings
    var profile: Profile
    var global: GlobalOptions

    /// Returns the exit code: the verdict's for a single probe, 0 for a scheduled one stopped by a signal.
    func run() throws -> Int32 {
        let metrics = ProbeMetrics()
        let server = try startServer(metrics)
        defer { server?.shutdown() }
        let stop = StopFlag()
        let trap = SignalTrap { _ in stop.raise() }
        defer { trap.release() }
        let probe = ProbeRun(
            profile: profile, repeatCount: settings.repeatCount, caFile: settings.caFile, out: settings.out)
        while true {
            // Stopped mid-probe: nothing half-measured is published. A one-shot probe that never finished is
            // "unknown", never "healthy"; a scheduled one ends cleanly.
            guard let result = try probe.run(stop: stop) else { return settings.every == nil ? ProbeExit.unknown : 0 }
            guard publish(result, metrics) else { return ProbeExit.unknown }
            guard let every = settings.every else { return ProbeExit.code(for: result.verdict) }
            if stop.wait(seconds: every.inSeconds + Double.random(in: 0...max(settings.jitter.inSeconds, 0))) {
                return 0
            }
        }
    }

    private func startServer(_ metrics: ProbeMetrics) throws -> MetricsServer? {
        guard let (host, port) = settings.serve else { return nil }
        do {
            let server = try MetricsServer.start(host: host, port: port, formats: { metrics.exposition($0) })
            if !global.quiet { Console.err("serving metrics on http://\(host):\(server.port)/metrics") }
            return server
        } catch {
            Console.err("error: --serve: cannot listen on \(host):\(port): \(error)")
            throw ExitCode(ProbeExit.unknown)
        }
    }

    /// Prints and publishes one probe's result; false when the metrics file could not be written (exit 3: what
    /// the monitoring reads is stale).
    private func publish(_ result: ProbeResult, _ metrics: ProbeMetrics) -> Bool {
        Console.out(ProbeJSONLine().render(result))
        if !global.quiet { Console.err(ProbeHumanLine().render(result)) }
        metrics.update(with: result)
        guard let path = settings.textfile else { return true }
        do {
            try TextfileWriter.write(metrics.exposition(), to: path)
            return true
        } catch {
            Console.err("error: --textfile: \(error)")
            return false
        }
    }
}

/// A stop request from a signal, and an interruptible wait between probes.
final class StopFlag: Sendable {
    private let raised = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)

    func raise() {
        raised.store(true, ordering: .relaxed)
        wake.signal()
    }

    var isRaised: Bool { raised.load(ordering: .relaxed) }

    /// Waits up to `seconds`; true when a stop was requested.
    func wait(seconds: Double) -> Bool {
        if isRaised { return true }
        _ = wake.wait(timeout: .now() + seconds)
        return isRaised
    }
}
