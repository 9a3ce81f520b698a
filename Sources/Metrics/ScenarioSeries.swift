/// What one scenario's executor did in an interval or a run: iterations it started and, in an open model,
/// those it dropped (due with no VU free) and how late the started ones began after their scheduled time.
public struct ScenarioSeries: Sendable, Equatable, Codable {
    public var started = 0
    /// Iterations that were due while every VU of the scenario was busy: never sent, never delayed.
    public var dropped = 0
    /// Open model only: actual start − scheduled start of each started iteration (the generator's own lag).
    public var scheduleLag = LatencyHistogram()

    public init() {}

    init(scheduleLag: LatencyHistogram) { self.scheduleLag = scheduleLag }

    public mutating func add(_ o: ScenarioSeries) {
        started += o.started
        dropped += o.dropped
        scheduleLag.add(o.scheduleLag)
    }
}
