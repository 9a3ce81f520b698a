import Metrics

/// What `rehearse compare` found between a baseline run and a candidate run: one row per series present in both
/// (steps × role, then group waits × role), and the series only one of them has. Encoded as `--json` prints it.
public struct ComparisonReport: Sendable, Equatable, Codable {
    public static let schemaName = "rehearsal.comparison"
    public static let schemaVersion = 1

    public var schema = ComparisonReport.schemaName
    public var version = ComparisonReport.schemaVersion
    public var baseline: ComparedRun
    public var candidate: ComparedRun
    public var method: ComparisonMethod
    /// Steps × role (catalog order of the baseline), then group waits × role.
    public var series: [SeriesComparison]
    public var onlyInBaseline: [SeriesName]
    public var onlyInCandidate: [SeriesName]

    public init(
        baseline: ComparedRun, candidate: ComparedRun, method: ComparisonMethod, series: [SeriesComparison],
        onlyInBaseline: [SeriesName], onlyInCandidate: [SeriesName]
    ) {
        self.baseline = baseline
        self.candidate = candidate
        self.method = method
        self.series = series
        self.onlyInBaseline = onlyInBaseline
        self.onlyInCandidate = onlyInCandidate
    }

    /// Whether series of more than one flow appear, so labels need the flow's name.
    public var showsFlows: Bool {
        Set((series.map(\.name) + onlyInBaseline + onlyInCandidate).map(\.flow)).count > 1
    }

    /// How many verdicts of each kind, over every latency and rate comparison.
    public func count(_ verdict: Verdict) -> Int {
        series.reduce(0) { $0 + $1.changes.filter { $0.verdict == verdict }.count }
    }
}

/// One of the two runs, as the comparison names it.
public struct ComparedRun: Sendable, Equatable, Codable {
    public var profile: String
    public var startedAt: String
    public var durationSeconds: Double
    public var requests: Int
    /// The run folder, when the comparison was read from one.
    public var folder: String?

    public init(profile: String, startedAt: String, durationSeconds: Double, requests: Int, folder: String? = nil) {
        self.profile = profile
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
        self.requests = requests
        self.folder = folder
    }
}

/// How the verdicts were reached, so a reader can reproduce them.
public struct ComparisonMethod: Sendable, Equatable, Codable {
    /// A latency change smaller than this (a fraction: 0.05 is 5%) is never a regression or an improvement.
    public var minEffect: Double
    /// Of the bootstrap intervals and the error/timeout rate intervals, in percent.
    public var confidencePercent: Double
    public var resamples: Int
    public var seed: UInt64
    /// Below this many samples on either side the verdict is `too_few_samples`.
    public var minSamples: Int
}

/// A step × role or a group × role, matched between runs by scenario, flow, step (or group) and role.
public struct SeriesName: Sendable, Equatable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable { case step, group }
    public var kind: Kind
    /// The scenario (`default` for a profile without `scenarios:`).
    public var scenario: String
    public var flow: String
    /// The step's name; nil for a group wait.
    public var step: String?
    /// The step's group, or the group waited for.
    public var group: String?
    public var role: String

    public init(
        kind: Kind, scenario: String = SeriesCatalog.defaultScenario, flow: String, step: String?, group: String?,
        role: String
    ) {
        self.kind = kind
        self.scenario = scenario
        self.flow = flow
        self.step = step
        self.group = group
        self.role = role
    }

    /// `home › tasks [user]`, `home (wait) [user]`, `login [admin]`; with `flow: ` in front when asked, and the
    /// scenario's name in front when it has one (`browse: home › tasks [user]`).
    public func label(showFlow: Bool = false) -> String {
        let name =
            switch kind {
            case .step: group.map { "\($0) › \(step ?? "")" } ?? (step ?? "")
            case .group: "\(group ?? "") (wait)"
            }
        let scenarioPrefix = scenario == SeriesCatalog.defaultScenario ? "" : "\(scenario): "
        return scenarioPrefix + (showFlow ? "\(flow): " : "") + "\(name) [\(role)]"
    }

    private enum CodingKeys: String, CodingKey { case kind, scenario, flow, step, group, role }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            kind: try c.decode(Kind.self, forKey: .kind),
            scenario: try c.decodeIfPresent(String.self, forKey: .scenario) ?? SeriesCatalog.defaultScenario,
            flow: try c.decode(String.self, forKey: .flow), step: try c.decodeIfPresent(String.self, forKey: .step),
            group: try c.decodeIfPresent(String.self, forKey: .group), role: try c.decode(String.self, forKey: .role))
    }
}

/// The verdict on one metric's change.
public enum Verdict: String, Sendable, Codable, CaseIterable {
    /// The whole interval is above the minimal effect: worse, beyond the noise.
    case regression
    /// The whole interval is below minus the minimal effect: better, beyond the noise.
    case improvement
    case noSignificantChange = "no_significant_change"
    /// Fewer than `ComparisonMethod.minSamples` samples on a side: inconclusive. Not "no change": under `--fail-on`
    /// a change past the tolerance fails unless `--allow-few-samples`.
    case tooFewSamples = "too_few_samples"

    /// As the text and Markdown reports print it.
    public var text: String {
        switch self {
        case .regression: "regression"
        case .improvement: "improvement"
        case .noSignificantChange: "no significant change"
        case .tooFewSamples: "inconclusive (too few samples)"
        }
    }
}

/// The comparison of one series: its latency percentiles, error rate and (for steps) timeout rate.
public struct SeriesComparison: Sendable, Equatable, Codable {
    public var name: SeriesName
    public var baselineCount: Int
    public var candidateCount: Int
    /// p50, p95, p99.
    public var latency: [MetricChange]
    /// Failed requests (steps) or waits with a failed request (groups), in percent of all.
    public var errorRate: MetricChange
    /// Timed-out requests in percent; nil for group waits (timeouts are counted per request).
    public var timeoutRate: MetricChange?

    /// Every metric compared, latency first.
    public var changes: [MetricChange] { latency + [errorRate] + (timeoutRate.map { [$0] } ?? []) }
}

/// One metric of one series in both runs. Latency metrics are in milliseconds with a relative change in percent;
/// rates are in percent with a change in percentage points.
public struct MetricChange: Sendable, Equatable, Codable {
    public enum Unit: String, Sendable, Codable {
        /// Values in ms; `change` and `interval` are relative changes in percent.
        case milliseconds
        /// Values in percent; `change` and `interval` are differences in percentage points.
        case percent
    }

    /// `p50`, `p95`, `p99`, `error_rate` or `timeout_rate`.
    public var metric: String
    public var unit: Unit
    public var baseline: Double
    public var candidate: Double
    /// Candidate against baseline: percent (latency) or points (rates).
    public var change: Double
    /// The confidence interval of `change`; nil with too few samples.
    public var interval: ChangeInterval?
    /// For latency, the bootstrap interval of the difference candidate − baseline in ms; nil otherwise.
    public var differenceIntervalMs: ChangeInterval?
    public var verdict: Verdict
}

/// A closed interval `[low, high]`.
public struct ChangeInterval: Sendable, Equatable, Codable {
    public var low: Double
    public var high: Double

    public init(low: Double, high: Double) {
        self.low = low
        self.high = high
    }
}
