/// How the load generator itself fared: when it was the bottleneck, latencies and rates describe the
/// generator, not the target, and a threshold verdict would be a guess (README "Generator health").
public struct GeneratorHealth: Sendable, Equatable, Codable {
    /// The busiest engine thread's CPU time over its running time (0–1).
    public var busiestWorkerCPU: Double
    /// The whole process's CPU time per second of the run (all threads, so up to the number of cores).
    public var processCPU: Double
    /// Open models: p99 of how late iterations started after their scheduled time, ms (nil: no open model).
    public var scheduleLagP99Ms: Double?
    public var scheduleLagMaxMs: Double?
    /// Iterations an open model dropped because every VU was busy (the target was slow, or max_vus too low).
    public var droppedIterations: Int
    /// Requests whose send `target.max_rate` delayed, and how long they waited (p95 and max, ms; nil: none waited).
    public var throttledRequests: Int
    public var throttleWaitP95Ms: Double?
    public var throttleWaitMaxMs: Double?
    /// Why the generator limited the run; empty when it kept up.
    public var limitedBy: [String]
    /// How late think times ended (the engine woke the user after its think time was over), ms: p50, p99 and max
    /// (nil: no think time ended). Thousands of sleeping users on one thread show up here first.
    public var thinkLagP50Ms: Double?
    public var thinkLagP99Ms: Double?
    public var thinkLagMaxMs: Double?

    public init(
        busiestWorkerCPU: Double, processCPU: Double, scheduleLagP99Ms: Double?, scheduleLagMaxMs: Double?,
        droppedIterations: Int, throttledRequests: Int = 0, limitedBy: [String]
    ) {
        self.throttledRequests = throttledRequests
        self.busiestWorkerCPU = busiestWorkerCPU
        self.processCPU = processCPU
        self.scheduleLagP99Ms = scheduleLagP99Ms
        self.scheduleLagMaxMs = scheduleLagMaxMs
        self.droppedIterations = droppedIterations
        self.limitedBy = limitedBy
    }

    // Spelled so that JSON's snake_case round-trips (`busiest_worker_cpu` reads back as `busiestWorkerCpu`).
    private enum CodingKeys: String, CodingKey {
        case busiestWorkerCPU = "busiestWorkerCpu"
        case processCPU = "processCpu"
        case scheduleLagP99Ms, scheduleLagMaxMs, droppedIterations, throttledRequests, limitedBy
        case throttleWaitP95Ms, throttleWaitMaxMs
        case thinkLagP50Ms, thinkLagP99Ms, thinkLagMaxMs
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        busiestWorkerCPU = try c.decode(Double.self, forKey: .busiestWorkerCPU)
        processCPU = try c.decode(Double.self, forKey: .processCPU)
        scheduleLagP99Ms = try c.decodeIfPresent(Double.self, forKey: .scheduleLagP99Ms)
        scheduleLagMaxMs = try c.decodeIfPresent(Double.self, forKey: .scheduleLagMaxMs)
        droppedIterations = try c.decode(Int.self, forKey: .droppedIterations)
        throttledRequests = try c.decodeIfPresent(Int.self, forKey: .throttledRequests) ?? 0
        throttleWaitP95Ms = try c.decodeIfPresent(Double.self, forKey: .throttleWaitP95Ms)
        throttleWaitMaxMs = try c.decodeIfPresent(Double.self, forKey: .throttleWaitMaxMs)
        limitedBy = try c.decode([String].self, forKey: .limitedBy)
        thinkLagP50Ms = try c.decodeIfPresent(Double.self, forKey: .thinkLagP50Ms)
        thinkLagP99Ms = try c.decodeIfPresent(Double.self, forKey: .thinkLagP99Ms)
        thinkLagMaxMs = try c.decodeIfPresent(Double.self, forKey: .thinkLagMaxMs)
    }

    /// Takes the think-time lateness from its histogram (µs); nothing when no think time ended.
    public mutating func noteThinkLag(_ lag: LatencyHistogram) {
        guard lag.count > 0 else { return }
        thinkLagP50Ms = Double(lag.micros(atPercentile: 50)) / 1000
        thinkLagP99Ms = Double(lag.micros(atPercentile: 99)) / 1000
        thinkLagMaxMs = Double(lag.maxMicros) / 1000
    }

    /// Whether the generator was the bottleneck.
    public var isBound: Bool { !limitedBy.isEmpty }

    /// Schedule lag p99 above this means iterations started late because the generator could not keep up.
    public static let lagLimitMs = 25.0
    /// An engine thread busier than this was saturated.
    public static let cpuLimit = 0.9
    /// CPU shares over shorter runs are too noisy to judge.
    public static let minimumJudgedSeconds = 3.0
    /// More than this share of requests waiting for `target.max_rate` means the cap, not the target, set the pace.
    public static let throttledLimit = 0.01

    /// Judges the figures: the generator limited the run when open-model iterations started late, or an engine
    /// thread was saturated over a run long enough to tell.
    public static func judge(
        busiestWorkerCPU: Double, processCPU: Double, lag: LatencyHistogram?, dropped: Int, runSeconds: Double,
        throttled: Int = 0, throttleWait: LatencyHistogram = LatencyHistogram(), requests: Int = 0
    ) -> GeneratorHealth {
        var reasons: [String] = []
        let lagP99 = lag.flatMap { $0.count > 0 ? Double($0.micros(atPercentile: 99)) / 1000 : nil }
        let lagMax = lag.flatMap { $0.count > 0 ? Double($0.maxMicros) / 1000 : nil }
        if let lagP99, lagP99 > lagLimitMs {
            reasons.append(
                "iterations started late: schedule lag p99 \(formatMs(lagP99)) (limit \(formatMs(lagLimitMs)))")
        }
        if runSeconds >= minimumJudgedSeconds, busiestWorkerCPU > cpuLimit {
            reasons.append(
                "an engine thread was \(Int((busiestWorkerCPU * 100).rounded()))% busy (limit \(Int(cpuLimit * 100))%)")
        }
        let waitP95 = throttleWait.count > 0 ? Double(throttleWait.micros(atPercentile: 95)) / 1000 : nil
        if requests > 0, Double(throttled) / Double(requests) > throttledLimit {
            let share = Int((Double(throttled) / Double(requests) * 100).rounded())
            let wait = waitP95.map { ", waiting p95 \(formatMs($0))" } ?? ""
            reasons.append("target.max_rate held back \(throttled) of \(requests) requests (\(share)%\(wait))")
        }
        var health = GeneratorHealth(
            busiestWorkerCPU: busiestWorkerCPU, processCPU: processCPU, scheduleLagP99Ms: lagP99,
            scheduleLagMaxMs: lagMax, droppedIterations: dropped, throttledRequests: throttled, limitedBy: reasons)
        health.throttleWaitP95Ms = waitP95
        health.throttleWaitMaxMs = throttleWait.count > 0 ? Double(throttleWait.maxMicros) / 1000 : nil
        return health
    }

    private static func formatMs(_ ms: Double) -> String {
        ms < 10 ? "\((ms * 100).rounded() / 100)ms" : "\(Int(ms.rounded()))ms"
    }
}

/// One scenario of a run as planned: its executor and whether its latencies are measured from a schedule.
public struct ScenarioInfo: Sendable, Equatable, Codable {
    public var name: String
    public var executor: String
    /// The load in words (`50/s iterations for 1m, at most 100 VUs (open model)`).
    public var load: String
    /// Open model: latency is measured from each iteration's scheduled start (coordinated omission corrected).
    public var openModel: Bool
    public var maxVUs: Int
    /// The moments its load changes course (its start, a ramp's or a stage's end, its end), for timelines; absent
    /// in runs saved before they were kept.
    public var marks: [LoadMark]?

    public init(
        name: String, executor: String, load: String, openModel: Bool, maxVUs: Int, marks: [LoadMark]? = nil
    ) {
        self.name = name
        self.executor = executor
        self.load = load
        self.openModel = openModel
        self.maxVUs = maxVUs
        self.marks = marks
    }

    // `maxVus`, so JSON's snake_case is `max_vus` as documented; runs saved before wrote `max_v_us` (read back as
    // `maxVUs`), which is still read.
    private enum CodingKeys: String, CodingKey {
        case name, executor, load, openModel, marks
        case maxVUs = "maxVus"
        case legacyMaxVUs = "maxVUs"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        executor = try c.decode(String.self, forKey: .executor)
        load = try c.decode(String.self, forKey: .load)
        openModel = try c.decode(Bool.self, forKey: .openModel)
        maxVUs = try c.decodeIfPresent(Int.self, forKey: .maxVUs) ?? c.decode(Int.self, forKey: .legacyMaxVUs)
        marks = try c.decodeIfPresent([LoadMark].self, forKey: .marks)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(executor, forKey: .executor)
        try c.encode(load, forKey: .load)
        try c.encode(openModel, forKey: .openModel)
        try c.encode(maxVUs, forKey: .maxVUs)
        try c.encodeIfPresent(marks, forKey: .marks)
    }
}
