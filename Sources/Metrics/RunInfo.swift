/// What a run was, apart from its measurements: enough to re-render a report from saved histograms.
public struct RunInfo: Sendable, Equatable, Codable {
    public var profile: String
    /// ISO 8601, UTC.
    public var startedAt: String
    public var endedAt: String
    public var durationSeconds: Double
    /// `completed` (the load ran its course), `interrupted` (Ctrl-C) or `aborted` (a run error).
    public var stopReason: String
    public var baseURL: String
    /// Virtual users allocated (every scenario's most).
    public var vus: Int
    /// The most virtual users in an iteration at once: the concurrency the run reached (absent in older runs).
    public var concurrencyReached: Int?
    public var plannedDurationSeconds: Double?
    public var plannedIterations: Int?
    public var rampUpSeconds: Double
    public var workers: Int
    public var requestTimeoutMs: Int
    public var connectTimeoutMs: Int
    public var spinnerMs: Int
    public var roles: [String]
    public var rehearsalVersion: String
    public var libcurlVersion: String
    /// One point per second of the run.
    public var timeline: [TimelinePoint]
    /// The emulated network per role (absent when none was emulated).
    public var network: [RoleNetwork]?
    /// The scenarios as planned (absent in runs saved before scenarios existed).
    public var scenarios: [ScenarioInfo]?
    /// How the load generator fared (absent in older runs).
    public var generator: GeneratorHealth?
    /// With `stopReason` `aborted`: the `abort_when` condition that stopped the run, or the run error.
    public var abortReason: String?
    /// The share of a split run this process ran (`--segment`); absent for a whole run.
    public var segment: SegmentInfo?
    /// A hash of the resolved profile and target: `rehearse merge` refuses parts whose fingerprints differ.
    public var fingerprint: String?
    /// The seed of the users' random draws (think times): `--seed` runs them again the same way.
    public var seed: UInt64?
    /// `--start-at` / `--start-after`: the instant asked for and how late the load started after it.
    public var start: StartInfo?
    /// The profile's thresholds as written, so that a merged run is judged by the same ones.
    public var thresholds: [String]?
    /// A run made by `rehearse merge`: its parts, the missing segments, how timelines were aligned.
    public var merge: MergeInfo?
    /// Seconds from the start at which the run was told to stop early (`abort_when`, Ctrl-C, the knee test having
    /// seen enough); absent when it ran its course, and in runs saved before it was kept.
    public var stopAtSeconds: Double?
    /// The machine that generated the load, e.g. `host-1 · Linux 6.1 · 2 cores` (absent in older runs).
    public var machine: String?
    /// The profile in a few lines, as `rehearse validate` prints it: no role field or environment value, secrets
    /// redacted (absent in older runs).
    public var profileSummary: [String]?

    // Spelled so that JSON's snake_case (`base_url`) round-trips through the encoders' key strategies.
    private enum CodingKeys: String, CodingKey {
        case profile, startedAt, endedAt, durationSeconds, stopReason, vus, plannedDurationSeconds
        case plannedIterations, rampUpSeconds, workers, requestTimeoutMs, connectTimeoutMs, spinnerMs, roles
        case rehearsalVersion, libcurlVersion, timeline, network, scenarios, generator, abortReason, concurrencyReached
        case segment, fingerprint, seed, start, thresholds, merge, stopAtSeconds, machine, profileSummary
        case baseURL = "baseUrl"
    }

    public init(
        profile: String, startedAt: String, endedAt: String, durationSeconds: Double, stopReason: String,
        baseURL: String, vus: Int, plannedDurationSeconds: Double?, plannedIterations: Int?, rampUpSeconds: Double,
        workers: Int, requestTimeoutMs: Int, connectTimeoutMs: Int, spinnerMs: Int, roles: [String],
        rehearsalVersion: String, libcurlVersion: String, timeline: [TimelinePoint], network: [RoleNetwork]? = nil
    ) {
        self.profile = profile
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.durationSeconds = durationSeconds
        self.stopReason = stopReason
        self.baseURL = baseURL
        self.vus = vus
        self.plannedDurationSeconds = plannedDurationSeconds
        self.plannedIterations = plannedIterations
        self.rampUpSeconds = rampUpSeconds
        self.workers = workers
        self.requestTimeoutMs = requestTimeoutMs
        self.connectTimeoutMs = connectTimeoutMs
        self.spinnerMs = spinnerMs
        self.roles = roles
        self.rehearsalVersion = rehearsalVersion
        self.libcurlVersion = libcurlVersion
        self.timeline = timeline
        self.network = network
    }
}

/// One interval of the run's timeline.
public struct TimelinePoint: Sendable, Equatable, Codable {
    /// Seconds since the run started, at the interval's end.
    public var elapsed: Double
    public var activeVus: Int
    public var requests: Int
    public var failed: Int
    public var timeouts: Int
    /// p95 of this interval's requests, ms. In a merged run: the highest of the parts' (an upper bound; the run's
    /// own percentiles come from the merged histograms and are exact).
    public var p95: Double
    /// The wall-clock time at the interval's end, Unix seconds (absent in runs saved before it was kept).
    public var at: Double?
    /// The same interval per role, in the run's role order (absent in runs saved before it was kept).
    public var roles: [RoleTimelinePoint]?

    public init(
        elapsed: Double, activeVus: Int, requests: Int, failed: Int, timeouts: Int, p95: Double, at: Double? = nil,
        roles: [RoleTimelinePoint]? = nil
    ) {
        self.elapsed = elapsed
        self.activeVus = activeVus
        self.requests = requests
        self.failed = failed
        self.timeouts = timeouts
        self.p95 = p95
        self.at = at
        self.roles = roles
    }
}

/// The network conditions one role's virtual users ran under.
public struct RoleNetwork: Sendable, Equatable, Codable {
    public var role: String
    /// The preset's name, if the conditions came from one.
    public var preset: String?
    public var rttMs: Double
    public var jitterMs: Double
    public var downKbit: Double?
    public var upKbit: Double?
    /// Fault kinds with their probabilities, e.g. `reset 0.1 down`.
    public var faults: [String]

    public init(
        role: String, preset: String?, rttMs: Double, jitterMs: Double, downKbit: Double?, upKbit: Double?,
        faults: [String]
    ) {
        self.role = role
        self.preset = preset
        self.rttMs = rttMs
        self.jitterMs = jitterMs
        self.downKbit = downKbit
        self.upKbit = upKbit
        self.faults = faults
    }
}
