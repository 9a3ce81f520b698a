/// What an import did, for the report printed to stderr: what was kept, dropped (and why), correlated, and
/// replaced by variables. Holds no secret value.
public struct ImportReport: Sendable, Equatable {
    /// The file or `curl`.
    public var source: String
    /// Entries (HAR) or commands (curl) read.
    public var entries: Int
    /// Requests written.
    public var requests: Int
    /// Request steps and groups written (think times not counted).
    public var steps: Int
    public var groups: Int
    public var thinkTimes: Int
    public var dropped: DropTally
    public var correlations: [Correlation]
    /// `--role-fields` found in the recording, and those asked for but not found.
    public var roleFields: [String]
    public var missingRoleFields: [String]
    public var secrets: [EnvironmentSecret]
    public var origins: OriginTable
    /// Things the user should know (limits reached, values that could not be correlated).
    public var notes: [String]
    /// How the written checks read the recorded statuses; `nil` when no step checks its status.
    public var statusChecks: StatusCheckMode?
}

/// How an import checks the recorded statuses.
public enum StatusCheckMode: Sendable, Equatable {
    /// `status: 2xx`: the recorded status's class (the default), so other roles' data still passes.
    case byClass
    /// `status: 200`: exactly as recorded (`--strict-status`).
    case exact
}
