/// `summary.json`'s diagnosis parts: the server's own timings, exemplars with trace IDs, and waterfalls.

/// One exemplar as `summary.json` shows it.
public struct ExemplarReport: Sendable, Equatable, Codable {
    public var ms: Double
    public var traceId: String?
    public var spanId: String?
    /// Seconds from the run's start when the request was issued.
    public var atSeconds: Double
    public var status: Int
    public var error: String?

    init(_ e: Exemplar) {
        ms = Double(e.micros) / 1000
        traceId = e.trace?.traceID
        spanId = e.trace?.spanID
        atSeconds = e.atSeconds
        status = e.status
        error = e.error
    }
}

/// The slowest requests of a series and a few drawn at random.
public struct ExemplarsReport: Sendable, Equatable, Codable {
    public var slowest: [ExemplarReport]
    public var sampled: [ExemplarReport]

    init?(_ e: Exemplars) {
        guard !e.isEmpty else { return nil }
        slowest = e.slowest.map(ExemplarReport.init)
        sampled = e.sampled.map(ExemplarReport.init)
    }
}

/// One request of a waterfall.
public struct WaterfallRequest: Sendable, Equatable, Codable {
    public var step: String
    public var group: String?
    /// From the iteration's start to when the user issued it, and what it took, ms.
    public var startMs: Double
    public var totalMs: Double
    /// Phases, ms: queue, dns, connect, tls, first byte, transfer.
    public var queueMs: Double
    public var dnsMs: Double
    public var connectMs: Double
    public var tlsMs: Double
    public var ttfbMs: Double
    public var transferMs: Double
    public var status: Int
    public var bytes: Int
    public var error: String?
    public var traceId: String?
    public var spanId: String?
    /// The server's own durations for this response, ms by metric name.
    public var serverTiming: [String: Double]?

    init(_ r: RequestTrace, catalog: SeriesCatalog) {
        let key = r.series < catalog.steps.count ? catalog.steps[r.series] : nil
        step = key?.step ?? "step \(r.series)"
        group = key?.group
        func ms(_ micros: Int) -> Double { Double(micros) / 1000 }
        startMs = ms(r.startMicros)
        totalMs = ms(r.totalMicros)
        queueMs = ms(r.queueMicros)
        dnsMs = ms(r.dnsMicros)
        connectMs = ms(r.connectMicros)
        tlsMs = ms(r.tlsMicros)
        ttfbMs = ms(r.ttfbMicros)
        transferMs = ms(r.transferMicros)
        status = r.status
        bytes = r.bytes
        error = r.error
        traceId = r.trace?.traceID
        spanId = r.trace?.spanID
        let timed = r.serverTiming.compactMap { m in m.milliseconds.map { (m.name, $0) } }
        serverTiming = timed.isEmpty ? nil : Dictionary(timed, uniquingKeysWith: +)
    }
}

/// One iteration of one user, request by request: a slowest one or an ordinary one drawn at random.
public struct WaterfallReport: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case slowest, sampled }

    public var kind: Kind
    public var role: String
    public var scenario: String
    public var vu: Int
    public var iteration: Int
    public var atSeconds: Double
    public var totalMs: Double
    public var failed: Bool
    public var requests: [WaterfallRequest]

    init(_ t: IterationTrace, kind: Kind, catalog: SeriesCatalog) {
        self.kind = kind
        role = t.role
        scenario = t.scenario
        vu = t.vu
        iteration = t.iteration
        atSeconds = t.atSeconds
        totalMs = Double(t.totalMicros) / 1000
        failed = t.failed
        requests = t.requests.map { WaterfallRequest($0, catalog: catalog) }
    }

    /// Every kept iteration, per role (in the run's role order, then alphabetically): the slowest first, then the
    /// sampled ones that are not also among the slowest.
    static func all(_ traces: IterationTraces, roles: [String], catalog: SeriesCatalog) -> [WaterfallReport]? {
        guard !traces.isEmpty else { return nil }
        let order = roles + traces.slowest.keys.filter { !roles.contains($0) }.sorted()
        var out: [WaterfallReport] = []
        for role in order {
            let slowest = traces.slowest[role] ?? []
            out += slowest.map { WaterfallReport($0, kind: .slowest, catalog: catalog) }
            let seen = Set(slowest.map { "\($0.vu)/\($0.iteration)" })
            out += (traces.sampled[role] ?? []).filter { !seen.contains("\($0.vu)/\($0.iteration)") }
                .map { WaterfallReport($0, kind: .sampled, catalog: catalog) }
        }
        return out
    }
}

extension ServerTimingSeries {
    /// Percentiles per metric name, or nil when the server sent none.
    var report: [String: Percentiles]? {
        names.isEmpty ? nil : Dictionary(zip(names, histograms.map(Percentiles.init)), uniquingKeysWith: { a, _ in a })
    }
}
