/// `summary.json`'s role diff: for every step and group that two or more roles ran, each role against a base role
/// (by default the fastest), with intervals, and where the extra time went. Judged in `Verdicts` (`RoleDiff`).
public struct RoleDiffReport: Sendable, Equatable, Codable {
    /// The role named as base (`--base`), or nil when each series' fastest role is its base.
    public var base: String?
    /// Slower-than-base findings first (largest p95 difference first), then the rest.
    public var findings: [RoleDiffFinding]

    public init(base: String?, findings: [RoleDiffFinding]) {
        self.base = base
        self.findings = findings
    }
}

/// One role against the base role on one step or group.
public struct RoleDiffFinding: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case step, group }
    public enum Verdict: String, Sendable, Codable {
        case slower, faster, same
        case tooFewSamples = "too_few_samples"
    }

    public var kind: Kind
    public var scenario: String
    public var flow: String
    /// The step's or the group's name (a step in a group: `group › step`).
    public var name: String
    public var role: String
    public var base: String
    public var samples: Int
    public var baseSamples: Int
    /// p50, p95, p99: the role's and the base's values and their ratio with its 95% interval.
    public var percentiles: [RoleRatio]
    public var verdict: Verdict
    /// For a group: the step whose extra time explains most of the group's; for a step: itself.
    public var explainedBy: ExtraTime?

    public init(
        kind: Kind, scenario: String, flow: String, name: String, role: String, base: String, samples: Int,
        baseSamples: Int, percentiles: [RoleRatio], verdict: Verdict, explainedBy: ExtraTime?
    ) {
        self.kind = kind
        self.scenario = scenario
        self.flow = flow
        self.name = name
        self.role = role
        self.base = base
        self.samples = samples
        self.baseSamples = baseSamples
        self.percentiles = percentiles
        self.verdict = verdict
        self.explainedBy = explainedBy
    }

    public func percentile(_ name: String) -> RoleRatio? { percentiles.first { $0.metric == name } }
}

/// A percentile of a role against the base: values in ms, the ratio, its bootstrap 95% interval.
public struct RoleRatio: Sendable, Equatable, Codable {
    public var metric: String
    public var ms: Double
    public var baseMs: Double
    public var ratio: Double
    public var low: Double?
    public var high: Double?

    public init(metric: String, ms: Double, baseMs: Double, ratio: Double, low: Double?, high: Double?) {
        self.metric = metric
        self.ms = ms
        self.baseMs = baseMs
        self.ratio = ratio
        self.low = low
        self.high = high
    }
}

/// Where a step's extra time (role p95 − base p95) went.
public struct ExtraTime: Sendable, Equatable, Codable {
    public enum Cause: String, Sendable, Codable {
        /// The server said so (Server-Timing): its own work, e.g. the database.
        case serverTime = "server_time"
        /// Waiting for a turn: a server-side pool or queue (Server-Timing), or the client's connection limit.
        case queueing
        /// More bytes, or a slower link: the transfer phase.
        case transfer
        /// Nothing above explains it: the network, or a server that does not send Server-Timing.
        case networkOrOther = "network_or_other"
    }

    /// The step (`group › step` inside a group).
    public var step: String
    /// The step's p95 difference, ms.
    public var extraMs: Double
    public var cause: Cause
    /// Per contributor (Server-Timing metric names, `queue`, `transfer`), its p95 difference in ms, largest first.
    public var contributors: [String: Double]

    public init(step: String, extraMs: Double, cause: Cause, contributors: [String: Double]) {
        self.step = step
        self.extraMs = extraMs
        self.cause = cause
        self.contributors = contributors
    }
}
