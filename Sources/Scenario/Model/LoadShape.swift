/// How many virtual users, for how long or how many iterations, and how fast they start.
public struct LoadShape: Sendable, Equatable, Codable {
    /// Concurrent virtual users.
    public var vus: Int
    /// When the run stops.
    public var end: End
    /// Virtual users start evenly spread over this time (default 0: all at once).
    public var rampUp: Duration
    /// After the end, requests in flight may finish for this long before they are cut (default 10 s).
    public var gracefulStop: Duration

    public enum End: Sendable, Equatable, Codable {
        /// Run for this long (ramp-up included).
        case duration(Duration)
        /// Run this many flow iterations in total, shared by all virtual users.
        case iterations(Int)
        /// Every virtual user runs this many iterations (what `rehearse probe` uses: one per role).
        case iterationsPerVU(Int)
    }

    public init(vus: Int, end: End, rampUp: Duration = .zero, gracefulStop: Duration = .seconds(10)) {
        self.vus = vus
        self.end = end
        self.rampUp = rampUp
        self.gracefulStop = gracefulStop
    }
}
