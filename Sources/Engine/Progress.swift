/// The live state of a run, once per interval, for the progress line.
public struct Progress: Sendable, Equatable {
    public var elapsedSeconds: Double
    public var activeVUs: Int
    public var requests: Int
    /// Requests per second over the last interval.
    public var rate: Double
    /// p95 of every request so far, ms.
    public var p95: Double
    public var failed: Int
    public var timeouts: Int
    /// Whether the run is winding down (no new iterations).
    public var stopping: Bool
}
