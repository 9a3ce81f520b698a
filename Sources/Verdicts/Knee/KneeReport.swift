import Metrics

/// `knee.json`: per level of a stepped load, what each role's waits were; per role the first level where one of its
/// waits crossed the spinner limit (or its errors passed the limit), and the level before it as the safe load.
public struct KneeReport: Sendable, Equatable, Codable {
    public static let schemaName = "rehearsal.knee"
    public static let schemaVersion = 1
    public var schema = KneeReport.schemaName
    public var version = KneeReport.schemaVersion
    /// `vus` or `rate` (iterations per second).
    public var unit: String
    public var spinnerMs: Int
    /// Error rate (percent) past which a level counts as crossed.
    public var errorLimitPercent: Double
    /// The levels planned, and those measured (fewer when every role had crossed and the test stopped early).
    public var plannedLevels: [Double]
    public var levels: [KneeLevel]
    public var roles: [KneeRole]
    public var stoppedEarly: Bool
}

/// One level, measured over its steady window.
public struct KneeLevel: Sendable, Equatable, Codable {
    public var load: Double
    public var seconds: Int
    public var roles: [KneeRoleLevel]
}

/// One role at one level.
public struct KneeRoleLevel: Sendable, Equatable, Codable {
    public var role: String
    public var requests: Int
    public var throughput: Double
    public var errors: Int
    public var errorRatePercent: Double
    public var waits: [KneeWait]
    /// A wait crossed the spinner limit at p95, or the errors passed the limit.
    public var crossed: Bool
}

/// A wait the user sees (a parallel group, or a lone step) at one level.
public struct KneeWait: Sendable, Equatable, Codable {
    public var name: String
    public var count: Int
    public var p50Ms: Double
    public var p95Ms: Double
    public var failed: Int
}

/// Per role: where it crossed, and the safe load before it.
public struct KneeRole: Sendable, Equatable, Codable {
    public var role: String
    /// The first level where it crossed; nil when it never did within the levels measured.
    public var crossedAt: Double?
    /// The level before it (nil when it crossed at the first level, or never crossed).
    public var safe: Double?
    /// What crossed: `dashboard p95 2.4s > 2s`, or `errors 12% > 1%`.
    public var reason: String?
}
