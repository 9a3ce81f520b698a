import ArgumentParser
import Foundation
import Scenario

/// `run`'s options for a load spread over several processes (README "Running on several machines"): which share
/// this process runs, when it starts, its seed, its live metrics and how its results leave a pod.
struct ScaleOptions: ParsableArguments {
    @Option(help: "Run this share of the load only: INDEX/COUNT, e.g. 2/8 (or set REHEARSAL_SEGMENT).")
    var segment: String?

    @Option(
        help: "Split the load into COUNT segments; run the one JOB_COMPLETION_INDEX names (Kubernetes Indexed Job).")
    var segments: Int?

    @Option(help: "Seed of the users' random draws (think times); every run writes its seed to summary.json.")
    var seed: UInt64?

    @Option(
        name: .customLong("start-at"),
        help: "Prepare, then start the load at this instant (RFC 3339, e.g. 2026-11-26T10:15:00Z).")
    var startAt: String?

    @Option(name: .customLong("start-after"), help: "Prepare, then start the load this long after launch (e.g. 30s).")
    var startAfter: String?

    @Option(help: "Serve live metrics for Prometheus on HOST:PORT at /metrics while the run lasts (e.g. 0.0.0.0:9464).")
    var serve: String?

    @Flag(
        name: .customLong("results-stdout"),
        help: "Also print the results as one line (rehearsal-results …) for kubectl logs.")
    var resultsStdout = false

    @Flag(
        name: .customLong("defer-verdict"),
        help: "Exit 0 whatever the thresholds say: the merged run is judged (still 2/3 on errors).")
    var deferVerdict = false

    /// What the options and the environment resolve to.
    struct Resolved {
        var segment: Segment = .whole
        var seed: UInt64 = Resolved.drawSeed()
        var startAt: Date?
        var serve: (host: String, port: Int)?

        /// JSON numbers past 2^53 lose digits in many readers (jq, JavaScript): a drawn seed stays below.
        static func drawSeed() -> UInt64 { .random(in: 0...(1 << 53 - 1)) }
    }

    /// A start further ahead than this is a mistake (a wrong date), not a plan.
    static let furthestStart: TimeInterval = 24 * 3600

    func resolve(environment: [String: String], now: Date = Date()) throws -> Resolved {
        let seed = seed ?? Resolved.drawSeed()
        return Resolved(
            segment: try resolveSegment(environment), seed: seed, startAt: try resolveStart(now: now),
            serve: try serve.map { text in
                try check("--serve") { () throws(ParseFailure) in try HostPortText.parse(text) }
            })
    }

    /// `--segment`, else `--segments` with `JOB_COMPLETION_INDEX`, else `REHEARSAL_SEGMENT`, else the whole run.
    private func resolveSegment(_ environment: [String: String]) throws -> Segment {
        switch (segment, segments) {
        case (_?, _?):
            throw bad("--segment and --segments together: use --segment I/N, or --segments N in an Indexed Job")
        case (let text?, nil):
            return try check("--segment") { () throws(ParseFailure) in try Segment.parse(text) }
        case (nil, let count?):
            guard let index = environment["JOB_COMPLETION_INDEX"] else {
                throw bad(
                    "--segments \(count) needs JOB_COMPLETION_INDEX (Kubernetes sets it in Indexed Jobs)\n"
                        + "  hint: outside Kubernetes use --segment I/\(count)")
            }
            return try check("--segments \(count)") { () throws(ParseFailure) in
                try Segment.jobCompletion(index: index, count: count)
            }
        case (nil, nil):
            guard let text = environment["REHEARSAL_SEGMENT"], !text.isEmpty else { return .whole }
            return try check("REHEARSAL_SEGMENT") { () throws(ParseFailure) in try Segment.parse(text) }
        }
    }

    private func resolveStart(now: Date) throws -> Date? {
        switch (startAt, startAfter) {
        case (_?, _?): throw bad("--start-at and --start-after together: use one")
        case (let text?, nil):
            guard let date = RFC3339.parse(text) else {
                throw bad("--start-at '\(text)': expected an RFC 3339 time, e.g. 2026-11-26T10:15:00Z or …+01:00")
            }
            guard date.timeIntervalSince(now) <= Self.furthestStart else {
                throw bad("--start-at '\(text)' is more than 24 hours away\n  hint: check the date and the time zone")
            }
            return date
        case (nil, let text?):
            guard let d = DurationText.parse(text) else {
                throw bad("--start-after '\(text)': expected a duration with a unit, e.g. 30s or 2m")
            }
            return now.addingTimeInterval(Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
        case (nil, nil): return nil
        }
    }

    private func check<T>(_ option: String, _ parse: () throws(ParseFailure) -> T) throws -> T {
        do {
            return try parse()
        } catch {
            throw bad("\(option): \(error.message)" + (error.hint.map { "\n  hint: \($0)" } ?? ""))
        }
    }

    private func bad(_ message: String) -> ExitCode {
        Console.err("error: \(message)")
        return ExitStatus.badInput.exitCode
    }
}

/// RFC 3339 times as `--start-at` takes them: `2026-11-26T10:15:00Z`, with fractional seconds or an offset.
enum RFC3339 {
    static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let styles: [Date.ISO8601FormatStyle] = [
            .iso8601, Date.ISO8601FormatStyle(includingFractionalSeconds: true),
        ]
        for style in styles { if let date = try? style.parse(trimmed) { return date } }
        return nil
    }
}
