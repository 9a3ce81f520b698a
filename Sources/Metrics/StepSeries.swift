/// Everything measured for one step as one role: the unit of the report's rows.
public struct StepSeries: Sendable, Equatable, Codable {
    /// User-experienced time of every request (timeouts at their timeout value): from when the user issued it,
    /// and in an open model from when its iteration was scheduled to start (corrected for coordinated omission).
    public var total = LatencyHistogram()
    /// Service time: from handing the request to libcurl to its end, without any wait before it was sent.
    public var service = LatencyHistogram()
    /// Per-phase times of requests that got a response, indexed by `Phase.index`.
    public var phases = Array(repeating: LatencyHistogram(), count: Phase.allCases.count)
    public var requests = 0
    /// Failed requests per class, indexed by `ErrorClass.index`.
    public var errors = Array(repeating: 0, count: ErrorClass.allCases.count)
    /// Redirects followed (each hop of `follow_redirects:`).
    public var redirects = 0
    /// Responses per HTTP version, indexed like `httpVersionNames`.
    public var httpVersions = Array(repeating: 0, count: StepSeries.httpVersionNames.count)
    /// The HTTP versions counted, as libcurl names them.
    public static let httpVersionNames = ["1.0", "1.1", "2", "3"]
    /// Timeouts per phase that was running when they fired, indexed by `TimeoutPhase.index`.
    public var timeoutPhases = Array(repeating: 0, count: TimeoutPhase.allCases.count)
    public var freshConnections = 0
    public var reusedConnections = 0
    /// Decoded body bytes, and the same bodies' bytes on the wire (compressed when the server compressed them).
    public var bytes = 0
    public var wireBytes = 0
    /// Lone requests (not in a group) slower than the spinner limit.
    public var overSpinner = 0
    /// Up to `maxMessages` distinct failure messages with their counts.
    public var messages: [String: Int] = [:]
    /// The server's own account of its time (`Server-Timing`), per metric name.
    public var serverTiming = ServerTimingSeries()
    /// The slowest requests and a random few, with their trace IDs.
    public var exemplars = Exemplars()

    static let maxMessages = 8

    public init() {}

    @inline(__always)
    public mutating func record(_ s: RequestSample) { record(s, message: s.message) }

    /// Records `s` with `message` as its failure message (the engine's, masked, instead of the sample's own).
    public mutating func record(_ s: RequestSample, message: String?) {
        requests += 1
        total.record(micros: s.totalMicros)
        service.record(micros: s.serviceMicros)
        bytes += s.bytes
        wireBytes += s.wireBytes
        if s.overSpinner { overSpinner += 1 }
        if s.responded {
            if s.freshConnection { freshConnections += 1 } else { reusedConnections += 1 }
            recordPhases(s)
        }
        if let error = s.error {
            errors[error.index] += 1
            if let message { note(message) }
        }
        if let phase = s.timeoutPhase { timeoutPhases[phase.index] += 1 }
        redirects += s.redirects
        if let i = s.httpVersionIndex { httpVersions[Int(i)] += 1 }
    }

    /// The index of `version` in `httpVersionNames`: a switch, not a search of the static array, once per request.
    static func httpVersionIndex(_ version: String) -> Int? {
        switch version {
        case "1.0": 0
        case "1.1": 1
        case "2": 2
        case "3": 3
        default: nil
        }
    }

    private mutating func recordPhases(_ s: RequestSample) {
        if s.freshConnection {
            phases[Phase.dns.index].record(micros: s.phaseMicros.0)
            phases[Phase.connect.index].record(micros: s.phaseMicros.1)
            if s.phaseMicros.2 > 0 { phases[Phase.tls.index].record(micros: s.phaseMicros.2) }
        }
        phases[Phase.queue.index].record(micros: s.queueMicros)
        guard s.firstByteKnown else { return }
        phases[Phase.ttfb.index].record(micros: s.phaseMicros.3)
        phases[Phase.transfer.index].record(micros: s.phaseMicros.4)
    }

    private mutating func note(_ message: String) {
        let message = FailureMessage.normalized(message)
        if messages[message] != nil || messages.count < Self.maxMessages { messages[message, default: 0] += 1 }
    }

    public mutating func add(_ o: StepSeries) {
        guard o.requests > 0 else { return }
        total.add(o.total)
        service.add(o.service)
        for i in phases.indices { phases[i].add(o.phases[i]) }
        requests += o.requests
        for i in errors.indices where i < o.errors.count { errors[i] += o.errors[i] }
        for i in timeoutPhases.indices where i < o.timeoutPhases.count { timeoutPhases[i] += o.timeoutPhases[i] }
        for i in httpVersions.indices where i < o.httpVersions.count { httpVersions[i] += o.httpVersions[i] }
        redirects += o.redirects
        freshConnections += o.freshConnections
        reusedConnections += o.reusedConnections
        bytes += o.bytes
        wireBytes += o.wireBytes
        overSpinner += o.overSpinner
        for (m, n) in o.messages where messages[m] != nil || messages.count < Self.maxMessages {
            messages[m, default: 0] += n
        }
        serverTiming.add(o.serverTiming)
        exemplars.add(o.exemplars)
    }

    public var failed: Int { errors.reduce(0, +) }
    public func errors(_ c: ErrorClass) -> Int { errors[c.index] }
    /// Timeouts and requests cut off at the end: the requests that never got their response.
    public var unanswered: Int { errors(.timeout) + errors(.cutOff) }

    /// An empty series whose histograms are as wide as this one's (see `LatencyHistogram.emptied`).
    public func emptied() -> StepSeries {
        var empty = StepSeries()
        empty.total = total.emptied()
        empty.service = service.emptied()
        empty.phases = phases.map { $0.emptied() }
        return empty
    }

    private enum CodingKeys: String, CodingKey {
        case total, service, phases, requests, errors, freshConnections, reusedConnections, bytes, wireBytes
        case overSpinner, messages, serverTiming, exemplars, timeoutPhases, httpVersions, redirects
    }

    /// Runs saved before service time was recorded read it as equal to the total.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        total = try c.decode(LatencyHistogram.self, forKey: .total)
        service = try c.decodeIfPresent(LatencyHistogram.self, forKey: .service) ?? total
        phases = try c.decode([LatencyHistogram].self, forKey: .phases)
        // Runs saved before a phase existed have fewer; the missing ones are empty.
        if phases.count < Phase.allCases.count {
            phases += Array(repeating: LatencyHistogram(), count: Phase.allCases.count - phases.count)
        }
        requests = try c.decode(Int.self, forKey: .requests)
        errors = try c.decode([Int].self, forKey: .errors)
        // Runs saved before a class existed have fewer counts; the missing ones are 0.
        if errors.count < ErrorClass.allCases.count {
            errors += Array(repeating: 0, count: ErrorClass.allCases.count - errors.count)
        }
        timeoutPhases =
            try c.decodeIfPresent([Int].self, forKey: .timeoutPhases)
            ?? Array(repeating: 0, count: TimeoutPhase.allCases.count)
        redirects = try c.decodeIfPresent(Int.self, forKey: .redirects) ?? 0
        httpVersions =
            try c.decodeIfPresent([Int].self, forKey: .httpVersions)
            ?? Array(repeating: 0, count: Self.httpVersionNames.count)
        if timeoutPhases.count < TimeoutPhase.allCases.count {
            timeoutPhases += Array(repeating: 0, count: TimeoutPhase.allCases.count - timeoutPhases.count)
        }
        freshConnections = try c.decode(Int.self, forKey: .freshConnections)
        reusedConnections = try c.decode(Int.self, forKey: .reusedConnections)
        bytes = try c.decode(Int.self, forKey: .bytes)
        wireBytes = try c.decodeIfPresent(Int.self, forKey: .wireBytes) ?? bytes
        overSpinner = try c.decode(Int.self, forKey: .overSpinner)
        messages = try c.decode([String: Int].self, forKey: .messages)
        serverTiming = try c.decodeIfPresent(ServerTimingSeries.self, forKey: .serverTiming) ?? ServerTimingSeries()
        exemplars = try c.decodeIfPresent(Exemplars.self, forKey: .exemplars) ?? Exemplars()
    }
}

/// What the user waited for one parallel group, as one role.
public struct GroupSeries: Sendable, Equatable, Codable {
    /// From the group's start to its last response.
    public var time = LatencyHistogram()
    public var count = 0
    /// Groups slower than the spinner limit: the user saw a spinner of death.
    public var overSpinner = 0
    /// Groups in which at least one request failed.
    public var failed = 0

    public init() {}

    public mutating func record(micros: Int, overSpinner: Bool, failed: Bool) {
        count += 1
        time.record(micros: micros)
        if overSpinner { self.overSpinner += 1 }
        if failed { self.failed += 1 }
    }

    /// An empty series whose histogram is as wide as this one's.
    public func emptied() -> GroupSeries {
        var empty = GroupSeries()
        empty.time = time.emptied()
        return empty
    }

    public mutating func add(_ o: GroupSeries) {
        guard o.count > 0 else { return }
        time.add(o.time)
        count += o.count
        overSpinner += o.overSpinner
        failed += o.failed
    }
}
