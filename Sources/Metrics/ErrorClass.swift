/// How a request failed, as reports count it. A request has at most one class.
public enum ErrorClass: String, Sendable, Codable, CaseIterable, Comparable {
    /// No response within the request or connect timeout.
    case timeout
    /// The connection was refused (target down).
    case refused
    /// The host name did not resolve.
    case dns
    /// The TLS handshake or certificate check failed.
    case tls
    /// The connection broke mid-way (reset, closed, empty reply).
    case reset
    /// The response had a 4xx status no check expected.
    case http4xx
    /// The response had a 5xx status no check expected.
    case http5xx
    /// A check on the response failed, or a capture found nothing.
    case check
    /// Refused before sending: the host is not on the allow-list.
    case blocked
    /// Any other transport failure.
    case other
    /// Still waiting for its response when the run ended (after `graceful_stop`, or at a hard stop), as k6 counts
    /// interrupted iterations: a failure, counted in error rates and thresholds, recorded at the time it had waited
    /// (a lower bound of its latency).
    case cutOff = "cut_off"
    /// Never sent: the rendered request was malformed (a header holding a line break or NUL, from a captured or
    /// environment value), so sending it would have injected a header of its own.
    case invalid

    public static func < (a: ErrorClass, b: ErrorClass) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Index into fixed-size per-class count arrays.
    @inline(__always) public var index: Int {
        switch self {
        case .timeout: 0
        case .refused: 1
        case .dns: 2
        case .tls: 3
        case .reset: 4
        case .http4xx: 5
        case .http5xx: 6
        case .check: 7
        case .blocked: 8
        case .other: 9
        case .cutOff: 10  // added after the first ten, so runs saved before keep their indices
        case .invalid: 11
        }
    }

    /// Whether the request never got its response in time: a timeout, or cut off still waiting when the run ended.
    /// What the `timeouts` and `timeout_rate` thresholds count.
    public var isUnanswered: Bool { self == .timeout || self == .cutOff }
}

/// What a request was doing when its timeout fired, from libcurl's timings.
public enum TimeoutPhase: String, Sendable, Codable, CaseIterable {
    case dns
    case connect
    case tls
    /// The request was sent; no response byte came.
    case firstByte = "first_byte"
    /// The response had begun; the rest of it did not come in time.
    case body

    @inline(__always) public var index: Int {
        switch self {
        case .dns: 0
        case .connect: 1
        case .tls: 2
        case .firstByte: 3
        case .body: 4
        }
    }

    /// `in the DNS lookup`, as a failure message says it.
    public var text: String {
        switch self {
        case .dns: "in the DNS lookup"
        case .connect: "while connecting"
        case .tls: "in the TLS handshake"
        case .firstByte: "waiting for the first byte"
        case .body: "while receiving the body"
        }
    }
}

/// A phase of one transfer, from libcurl's timings.
public enum Phase: String, Sendable, Codable, CaseIterable {
    /// From when the user issued the request to when libcurl began it: the browser's per-host connection limit,
    /// the generator's own queue, an open model's late start (DevTools calls it "Queueing").
    case queue
    case dns, connect, tls
    /// From the request being sent to the first response byte.
    case ttfb
    /// From the first to the last response byte.
    case transfer

    @inline(__always) public var index: Int {
        switch self {
        case .dns: 0
        case .connect: 1
        case .tls: 2
        case .ttfb: 3
        case .transfer: 4
        case .queue: 5  // added last, so runs saved before it keep their indices
        }
    }
}
