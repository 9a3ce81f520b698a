/// One request of an iteration as a waterfall draws it: when it started within the iteration, its phases, what came
/// back. No URL, header or body is kept (secrets cannot leak through a waterfall); the step names it.
public struct RequestTrace: Sendable, Equatable, Codable {
    /// The step's series in the catalog (its name, group and role).
    public var series: Int
    /// µs from the iteration's start to when the user issued the request.
    public var startMicros: Int
    /// The user-experienced time, µs.
    public var totalMicros: Int
    /// Phase times in µs: queue, dns, connect, tls, first byte, transfer (0 when not paid).
    public var queueMicros: Int
    public var dnsMicros: Int
    public var connectMicros: Int
    public var tlsMicros: Int
    public var ttfbMicros: Int
    public var transferMicros: Int
    public var status: Int
    public var bytes: Int
    /// The error class, when it failed.
    public var error: String?
    public var trace: TraceRef?
    public var serverTiming: [ServerTimingMetric]

    public init(
        series: Int, startMicros: Int, totalMicros: Int, sample: RequestSample, status: Int, trace: TraceRef?,
        serverTiming: [ServerTimingMetric]
    ) {
        self.series = series
        self.startMicros = startMicros
        self.totalMicros = totalMicros
        queueMicros = sample.queueMicros
        (dnsMicros, connectMicros, tlsMicros, ttfbMicros, transferMicros) = sample.phaseMicros
        self.status = status
        bytes = sample.bytes
        error = sample.error?.rawValue
        self.trace = trace
        self.serverTiming = serverTiming
    }
}

/// One whole iteration of one user: every request in the order issued.
public struct IterationTrace: Sendable, Equatable, Codable {
    public var role: String
    public var scenario: String
    public var vu: Int
    public var iteration: Int
    /// Seconds from the run's start when the iteration began.
    public var atSeconds: Double
    /// From the iteration's start to its last response, µs.
    public var totalMicros: Int
    public var failed: Bool
    public var requests: [RequestTrace]
    /// A random key: the "ordinary" iterations are a uniform sample (lowest keys kept, merge-safe).
    public internal(set) var key: UInt64

    public init(
        role: String, scenario: String, vu: Int, iteration: Int, atSeconds: Double, totalMicros: Int, failed: Bool,
        requests: [RequestTrace], key: UInt64
    ) {
        self.role = role
        self.scenario = scenario
        self.vu = vu
        self.iteration = iteration
        self.atSeconds = atSeconds
        self.totalMicros = totalMicros
        self.failed = failed
        self.requests = requests
        self.key = key
    }
}

/// Per role: the slowest few iterations, and a few ordinary ones drawn at random, bounded whatever the run length.
public struct IterationTraces: Sendable, Equatable, Codable {
    /// Role name → its kept iterations.
    public private(set) var slowest: [String: [IterationTrace]] = [:]
    public private(set) var sampled: [String: [IterationTrace]] = [:]

    public static let keepSlowest = 5
    public static let keepSampled = 3

    public init() {}

    public var isEmpty: Bool { slowest.isEmpty }

    /// Whether an iteration of `role` taking `micros` with `key` would be kept.
    public func wants(role: String, micros: Int, key: UInt64) -> Bool {
        let slow = slowest[role] ?? []
        let some = sampled[role] ?? []
        return slow.count < Self.keepSlowest || micros > (slow.last?.totalMicros ?? 0)
            || some.count < Self.keepSampled || key < (some.last?.key ?? .max)
    }

    public mutating func offer(_ t: IterationTrace) {
        offerSlowest(t)
        offerSampled(t)
    }

    public mutating func add(_ other: IterationTraces) {
        for list in other.slowest.values { for t in list { offerSlowest(t) } }
        for list in other.sampled.values { for t in list { offerSampled(t) } }
    }

    private mutating func offerSlowest(_ t: IterationTrace) {
        Self.insert(t, into: &slowest[t.role, default: []], keep: Self.keepSlowest) { $0.totalMicros > $1.totalMicros }
    }

    private mutating func offerSampled(_ t: IterationTrace) {
        Self.insert(t, into: &sampled[t.role, default: []], keep: Self.keepSampled) { $0.key < $1.key }
    }

    private static func insert(
        _ t: IterationTrace, into list: inout [IterationTrace], keep: Int,
        before: (IterationTrace, IterationTrace) -> Bool
    ) {
        if list.count == keep, let last = list.last, !before(t, last) { return }
        let at = list.firstIndex { before(t, $0) } ?? list.count
        list.insert(t, at: at)
        if list.count > keep { list.removeLast() }
    }
}
