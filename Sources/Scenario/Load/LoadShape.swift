/// `load:` of a profile or scenario: the executor, when it starts, and how long iterations may finish after it.
public struct LoadShape: Sendable, Equatable, Codable {
    public var executor: Executor
    /// Delay from the run's start before this load begins (`start_time`, for scenarios that follow each other).
    public var startTime: Duration
    /// After the end, iterations in flight may finish for this long before they are cut (default 10 s).
    public var gracefulStop: Duration

    public init(executor: Executor, startTime: Duration = .zero, gracefulStop: Duration = .seconds(10)) {
        self.executor = executor
        self.startTime = startTime
        self.gracefulStop = gracefulStop
    }

    /// The most virtual users this load uses at once.
    public var maxVUs: Int { executor.maxVUs }

    /// When the load stops starting iterations, from the run's start.
    public var end: Duration { startTime + executor.length }

    /// The default bound of the iteration executors (`max_duration`), as k6's.
    public static let defaultMaxDuration = Duration.seconds(600)

    /// `vus` users for `duration`, started over `rampUp`: the profile's classic `load: { vus, duration }`.
    public static func constant(vus: Int, duration: Duration, rampUp: Duration = .zero) -> LoadShape {
        LoadShape(executor: .constantVUs(vus: vus, duration: duration, rampUp: rampUp))
    }

    /// `vus` users sharing `iterations` iterations: `load: { vus, iterations }`.
    public static func shared(vus: Int, iterations: Int) -> LoadShape {
        LoadShape(executor: .sharedIterations(vus: vus, iterations: iterations, maxDuration: defaultMaxDuration))
    }

    /// Each of `vus` users runs `iterations` iterations (what `rehearse probe` uses: one per role).
    public static func perVU(vus: Int, iterations: Int) -> LoadShape {
        LoadShape(executor: .perVUIterations(vus: vus, iterations: iterations, maxDuration: defaultMaxDuration))
    }
}
