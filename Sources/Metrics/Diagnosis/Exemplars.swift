/// One request kept as an example of a series: its time and its trace, so the backend's own tracing can show it.
public struct Exemplar: Sendable, Equatable, Codable {
    /// The user-experienced time, µs.
    public var micros: Int
    /// The request's W3C trace and span, when the run sent `traceparent`.
    public var trace: TraceRef?
    /// Seconds from the run's start when the request was issued.
    public var atSeconds: Double
    public var status: Int
    /// The error class, when it failed.
    public var error: String?
    /// A random key for uniform sampling that survives merging (the lowest keys are kept).
    var key: UInt64

    public init(
        micros: Int, trace: TraceRef?, atSeconds: Double, status: Int, error: String?, key: UInt64
    ) {
        self.micros = micros
        self.trace = trace
        self.atSeconds = atSeconds
        self.status = status
        self.error = error
        self.key = key
    }
}

/// A bounded reservoir of exemplars per series: the slowest few, and a few drawn uniformly at random (bottom-k by
/// a random key, so two reservoirs merge into exactly the sample one would have drawn).
public struct Exemplars: Sendable, Equatable, Codable {
    public private(set) var slowest: [Exemplar] = []
    public private(set) var sampled: [Exemplar] = []

    public static let keep = 5

    public init() {}

    public var isEmpty: Bool { slowest.isEmpty }

    /// Whether a request of `micros` would be kept among the slowest or sampled with `key` (so a caller can skip
    /// building the exemplar).
    public func wants(micros: Int, key: UInt64) -> Bool {
        slowest.count < Self.keep || micros > slowest[slowest.count - 1].micros || sampled.count < Self.keep
            || key < sampled[sampled.count - 1].key
    }

    public mutating func offer(_ e: Exemplar) {
        Self.insert(e, into: &slowest, before: { $0.micros > $1.micros })
        Self.insert(e, into: &sampled, before: { $0.key < $1.key })
    }

    public mutating func add(_ other: Exemplars) {
        for e in other.slowest { Self.insert(e, into: &slowest, before: { $0.micros > $1.micros }) }
        for e in other.sampled { Self.insert(e, into: &sampled, before: { $0.key < $1.key }) }
    }

    /// Keeps `list` sorted by `before` and at most `keep` long.
    private static func insert(_ e: Exemplar, into list: inout [Exemplar], before: (Exemplar, Exemplar) -> Bool) {
        if list.count == keep, let last = list.last, !before(e, last) { return }
        let at = list.firstIndex { before(e, $0) } ?? list.count
        list.insert(e, at: at)
        if list.count > keep { list.removeLast() }
    }
}
