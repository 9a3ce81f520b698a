import ArgumentParser
import Foundation
import Metrics
import Reports
import Verdicts

/// `rehearse compare BASELINE CANDIDATE`: what changed between two saved runs, per step × role and group × role,
/// with a noise-aware verdict, and an exit code for CI when a change passes a `--fail-on` tolerance.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two saved runs: p50/p95/p99, error and timeout rates, with a noise-aware verdict.",
        discussion: """
            Series are matched by flow, step (or group) and role. Each percentile gets a 95% bootstrap interval of \
            its relative change, resampled from both runs' histograms (fixed seed: the same runs print the same \
            figures); it is a regression when the whole interval lies above +min-effect, an improvement when it \
            lies below −min-effect. Rates get a 95% interval of their difference in percentage points. Under 20 \
            samples on a side: "inconclusive (too few samples)".

            --fail-on METRIC +TOLERANCE (repeatable): p50, p95, p99 with a relative tolerance ('p95 +10%'); \
            error_rate, timeout_rate in percentage points ('error_rate +1pt'). A series fails a rule when its \
            verdict is regression and its change exceeds the tolerance. An inconclusive series (too few samples) whose \
            change exceeds the tolerance fails too: it cannot be told from a regression. --allow-few-samples lets it \
            pass (it is still listed).

            Exit codes:
              0  no --fail-on rule failed (always without --fail-on)
              1  a series regressed past a --fail-on tolerance, or is inconclusive past it
              2  bad input: no histograms.json, a bad option, no series in common
              3  the --markdown or --html file cannot be written

            Examples:
              rehearse compare Results/<baseline-run> Results/<candidate-run>
              rehearse compare Results/<base> Results/<cand> --fail-on 'p95 +10%'
              rehearse compare Results/<base> Results/<cand> --fail-on 'error_rate +1pt'
              rehearse compare Results/<base> Results/<cand> --markdown compare.md
              rehearse compare Results/<base> Results/<cand> --json > compare.json
              rehearse compare Results/<base> Results/<cand> --html compare.html
            """)

    @Argument(help: "The baseline run folder (written by rehearse run).")
    var baseline: String

    @Argument(help: "The candidate run folder, compared against the baseline.")
    var candidate: String

    @Option(
        name: .customLong("fail-on"), help: "Exit 1 when a metric regresses past this: 'p95 +10%', 'error_rate +1pt'.")
    var failOn: [String] = []

    @Option(name: .customLong("min-effect"), help: "Smallest relative latency change that counts (default 5%).")
    var minEffect = "5%"

    @Flag(
        name: .customLong("allow-few-samples"),
        help: "Let --fail-on pass a change past its tolerance on too few samples to tell (inconclusive).")
    var allowFewSamples = false

    @Option(help: "Also write the comparison as Markdown (a pull-request comment) to this file.")
    var markdown: String?

    @Option(help: "Also write the comparison as a self-contained page (percentile plots, forest plot) to this file.")
    var html: String?

    @Flag(help: "Print the comparison as JSON instead of the table.")
    var json = false

    /// A series regressed past a `--fail-on` tolerance.
    static let regressed = ExitCode(1)

    func run() throws {
        let rules = try parseRules()
        let effect = try parseMinEffect()
        let base = try read(baseline)
        let cand = try read(candidate)
        var report = RunComparison.compare(
            baseline: base, candidate: cand, minEffect: effect, seed: RunComparison.defaultSeed)
        report.baseline.folder = baseline
        report.candidate.folder = candidate
        show(report)
        if let markdown { try write(ComparisonMarkdown().render(report), to: markdown) }
        if let html {
            let page = ComparisonPage(report: report, baseline: base, candidate: cand, rules: rules)
            try write(HTMLComparison().render(page), to: html)
        }
        if report.series.isEmpty {
            Console.err(
                "error: \(baseline) and \(candidate) have no step or group in common (by flow, name and role)"
                    + "\n  hint: compare two runs of the same profile")
            throw ExitStatus.badInput.exitCode
        }
        try gate(report, rules)
    }

    /// `--markdown` and `--html`: exit 3 when the file cannot be written.
    private func write(_ text: String, to path: String) throws {
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            Console.err("error: cannot write \(path): \(error.localizedDescription)")
            throw ExitStatus.runError.exitCode
        }
    }

    private func show(_ report: ComparisonReport) {
        Console.out(json ? ComparisonJSON().render(report) : ComparisonText().render(report))
    }

    /// Prints the `--fail-on` verdict (to stderr with `--json`, so stdout stays JSON) and exits 1 if a rule failed.
    private func gate(_ report: ComparisonReport, _ rules: [FailOnRule]) throws {
        guard !rules.isEmpty else { return }
        let text = ComparisonRegressions(rules: rules, allowFewSamples: allowFewSamples).render(report)
        if json { Console.err(text) } else { Console.out(text) }
        if !report.gateFailures(rules, allowFewSamples: allowFewSamples).isEmpty { throw Self.regressed }
    }

    private func parseRules() throws -> [FailOnRule] {
        do {
            return try failOn.map(FailOnRule.parse)
        } catch {
            Console.err("error: \(error)")
            throw ExitStatus.badInput.exitCode
        }
    }

    /// `5%` → 0.05.
    private func parseMinEffect() throws -> Double {
        let text = minEffect.trimmingCharacters(in: .whitespaces)
        guard text.hasSuffix("%"), let value = Double(text.dropLast()), value.isFinite, value >= 0 else {
            Console.err("error: --min-effect '\(minEffect)': expected a percentage, e.g. --min-effect 5%")
            throw ExitStatus.badInput.exitCode
        }
        return value / 100
    }

    private func read(_ folder: String) throws -> SavedRun {
        do {
            return try ResultsFolder.read(folder)
        } catch {
            Console.err("error: \(error)\n  hint: pass a folder written by rehearse run (Results/<run>/)")
            throw ExitStatus.badInput.exitCode
        }
    }
}
