import Foundation

/// A `--fail-on` tolerance: `p95 +10%` (a percentile may grow by at most 10%) or `error_rate +1pt` (a rate may
/// grow by at most one percentage point). A series fails it when the point estimate of the change is beyond the
/// tolerance and its verdict is `regression` — or inconclusive (too few samples to tell noise from a regression),
/// unless the caller allows few samples.
public struct FailOnRule: Sendable, Equatable, CustomStringConvertible {
    /// `p50`, `p95`, `p99`, `error_rate` or `timeout_rate`.
    public var metric: String
    /// Percent for latency percentiles, percentage points for rates.
    public var tolerance: Double

    public static let latencyMetrics = ["p50", "p95", "p99"]
    public static let rateMetrics = ["error_rate", "timeout_rate"]

    public init(metric: String, tolerance: Double) {
        self.metric = metric
        self.tolerance = tolerance
    }

    /// `p95 +10%`, `error_rate +1pt`.
    public var description: String {
        let value = Format.trimmed(tolerance, digits: 2)
        return "\(metric) +" + (Self.rateMetrics.contains(metric) ? "\(value)pt" : "\(value)%")
    }

    /// What a rule looks like, for error messages.
    public static let expected =
        "expected 'METRIC +TOLERANCE': 'p50|p95|p99 +N%' (relative) or 'error_rate|timeout_rate +Npt' "
        + "(percentage points), e.g. 'p95 +10%' or 'error_rate +1pt'"

    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Parses `METRIC +N%` / `METRIC +Npt`; the `+` and the space are optional.
    public static func parse(_ text: String) throws -> FailOnRule {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let metric = String(trimmed.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
        var rest = trimmed.dropFirst(metric.count).trimmingCharacters(in: .whitespaces)
        func fail(_ why: String) -> ParseError { ParseError(description: "--fail-on '\(text)': \(why)") }
        guard latencyMetrics.contains(metric) || rateMetrics.contains(metric) else {
            let known = (latencyMetrics + rateMetrics).joined(separator: ", ")
            let what = metric.isEmpty ? "no metric" : "unknown metric '\(metric)'"
            throw fail("\(what) (known: \(known)); \(expected)")
        }
        if rest.hasPrefix("+") { rest.removeFirst() }
        let isRate = rateMetrics.contains(metric)
        let unit = isRate ? "pt" : "%"
        guard rest.hasSuffix(unit), let value = Double(rest.dropLast(unit.count).trimmingCharacters(in: .whitespaces)),
            value.isFinite, value >= 0
        else {
            let hint =
                isRate
                ? "\(metric) is a percentage already: give the tolerance in points, e.g. '\(metric) +1pt'"
                : "give the tolerance in percent of the baseline, e.g. '\(metric) +10%'"
            throw fail("\(hint); \(expected)")
        }
        return FailOnRule(metric: metric, tolerance: value)
    }

    /// Whether `change` is this rule's metric, beyond the tolerance, and a regression or inconclusive.
    func failure(_ change: MetricChange) -> Bool {
        change.metric == metric && change.change > tolerance
            && (change.verdict == .regression || change.verdict == .tooFewSamples)
    }
}

/// One series' change that regressed past a `--fail-on` rule.
public struct RuleFailure: Sendable, Equatable {
    public var series: SeriesName
    public var change: MetricChange
    public var rule: FailOnRule
    /// Too few samples to tell: the change is past the tolerance but could be noise.
    public var inconclusive: Bool { change.verdict == .tooFewSamples }
    /// The smaller side's sample count.
    public var samples: Int
}

extension ComparisonReport {
    /// Every series × change × rule past the rule's tolerance, regressed or inconclusive, in series order. The gate
    /// fails on the regressions, and on the inconclusive ones unless few samples are allowed (`gateFailures`).
    public func failures(_ rules: [FailOnRule]) -> [RuleFailure] {
        series.flatMap { s in
            s.changes.flatMap { change in
                rules.filter { $0.failure(change) }.map {
                    RuleFailure(
                        series: s.name, change: change, rule: $0, samples: min(s.baselineCount, s.candidateCount))
                }
            }
        }
    }

    /// The failures that fail the gate: all of them, or only the regressions with `allowFewSamples`.
    public func gateFailures(_ rules: [FailOnRule], allowFewSamples: Bool) -> [RuleFailure] {
        failures(rules).filter { !$0.inconclusive || !allowFewSamples }
    }
}
