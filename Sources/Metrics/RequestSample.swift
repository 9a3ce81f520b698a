/// One finished request as the engine records it.
public struct RequestSample: Sendable {
    /// What the user experienced, in µs: from when the virtual user issued the request to its end; a timed-out
    /// request is recorded at its timeout so percentiles never improve because requests hung.
    public var totalMicros: Int
    /// Phase times in µs, indexed by `Phase.index`; connect and TLS only count on fresh connections.
    public var phaseMicros: (Int, Int, Int, Int, Int)
    /// Whether the request opened a new connection.
    public var freshConnection: Bool
    /// Whether a response arrived (phases are only recorded then).
    public var responded: Bool
    public var error: ErrorClass?
    /// Redirects followed before the answer (`follow_redirects:`); the time covers every hop.
    public var redirects = 0
    /// False when the split between `ttfb` and `transfer` is unknown: neither is recorded.
    public var firstByteKnown = true
    /// The HTTP version of the response (`1.1`, `2`…), nil when none came (or one `StepSeries` does not count).
    public var httpVersion: String? {
        get { httpVersionIndex.map { StepSeries.httpVersionNames[Int($0)] } }
        set { httpVersionIndex = newValue.flatMap(StepSeries.httpVersionIndex).map(Int8.init) }
    }
    /// `httpVersion` as its index in `StepSeries.httpVersionNames`: a string would be retained and released with
    /// every copy of the sample (three per request).
    var httpVersionIndex: Int8?
    /// For a timeout: the phase that was running when it fired.
    public var timeoutPhase: TimeoutPhase?
    /// A short, secret-free description of the failure.
    public var message: String?
    /// Decoded body bytes (what the page gets).
    public var bytes: Int
    /// Body bytes on the wire, before content decoding.
    public var wireBytes = 0
    /// Waiting before libcurl began the transfer, µs (`Phase.queue`).
    public var queueMicros = 0
    /// Service time in µs: from handing the request to libcurl to its end (without time queued in the generator or
    /// behind schedule). What a closed-loop tool reports as latency.
    public var serviceMicros: Int
    /// Whether this request was a wait of its own (not in a group) that crossed the spinner limit.
    public var overSpinner: Bool

    public init(
        totalMicros: Int, phaseMicros: (Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0), freshConnection: Bool = false,
        responded: Bool = true, error: ErrorClass? = nil, message: String? = nil, bytes: Int = 0,
        overSpinner: Bool = false, serviceMicros: Int? = nil
    ) {
        self.totalMicros = totalMicros
        self.serviceMicros = serviceMicros ?? totalMicros
        self.phaseMicros = phaseMicros
        self.freshConnection = freshConnection
        self.responded = responded
        self.error = error
        self.message = message
        self.bytes = bytes
        self.overSpinner = overSpinner
    }
}
