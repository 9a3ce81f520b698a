/// What one transfer produced: a response, or a failure classified by cause. Failures are data, not errors.
public struct TransferResult: Sendable, Equatable {
    /// nil when an HTTP response arrived (whatever its status).
    public var failure: TransferFailure?
    /// HTTP status, 0 when no response arrived.
    public var status: Int
    public var timings: TransferTimings
    /// Connections this transfer opened (0: it reused one; only fresh connections pay handshakes).
    public var newConnections: Int
    /// The port of the connection this transfer opened (`CURLINFO_PRIMARY_PORT`); 0 when it reused one or made none.
    public var primaryPort = 0
    /// Body bytes received (all of them, kept or not), decoded: what the page gets.
    public var bodyBytes: Int
    /// Body bytes as they crossed the wire, before content decoding (gzip, br…): what the network carried.
    public var wireBodyBytes = 0
    /// The HTTP version of the response (`1.1`, `2`…), nil when none arrived.
    public var httpVersion: String?
    /// The values of the response's `Server-Timing` headers (W3C Server Timing), nil when it sent none.
    public var serverTiming: [String]?
    /// The kept prefix of the body, when asked for.
    public var body: [UInt8]?
    /// Response header lines `Name: value` (status lines dropped), when asked for.
    public var headers: [(name: String, value: String)]?

    public init(
        failure: TransferFailure? = nil, status: Int, timings: TransferTimings = .init(), newConnections: Int = 0,
        bodyBytes: Int = 0, body: [UInt8]? = nil, headers: [(name: String, value: String)]? = nil
    ) {
        self.failure = failure
        self.status = status
        self.timings = timings
        self.newConnections = newConnections
        self.bodyBytes = bodyBytes
        self.body = body
        self.headers = headers
    }

    public static func == (a: TransferResult, b: TransferResult) -> Bool {
        a.failure == b.failure && a.status == b.status && a.timings == b.timings
            && a.newConnections == b.newConnections && a.bodyBytes == b.bodyBytes && a.body == b.body
            && a.wireBodyBytes == b.wireBodyBytes && a.httpVersion == b.httpVersion && a.serverTiming == b.serverTiming
            && a.headers?.map { "\($0.name):\($0.value)" } == b.headers?.map { "\($0.name):\($0.value)" }
    }
}

/// libcurl's cumulative timestamps for one transfer, in microseconds from its start (`CURLINFO_*_TIME_T`).
/// On a reused connection `connect` and `appConnect` are 0.
public struct TransferTimings: Sendable, Equatable {
    public var nameLookup: Int = 0
    public var connect: Int = 0
    public var appConnect: Int = 0
    public var preTransfer: Int = 0
    public var startTransfer: Int = 0
    public var total: Int = 0
    /// False when the split between the first byte and the transfer is not known (an HTTP/2 upload whose response
    /// start could not be timed): `ttfb` and `transfer` are then not recorded rather than recorded wrong.
    public var firstByteKnown = true

    public init() {}

    /// DNS resolution.
    public var dnsMicros: Int { nameLookup }
    /// TCP connect after DNS (0 on a reused connection).
    public var connectMicros: Int { connect > 0 ? max(0, connect - nameLookup) : 0 }
    /// TLS handshake (0 for plain HTTP or a reused connection).
    public var tlsMicros: Int { appConnect > 0 ? max(0, appConnect - connect) : 0 }
    /// From the request being sent to the first response byte: the server's time plus one round trip.
    public var firstByteMicros: Int { startTransfer > 0 ? max(0, startTransfer - preTransfer) : 0 }
    /// From the first to the last response byte.
    public var transferMicros: Int { startTransfer > 0 ? max(0, total - startTransfer) : 0 }
}

/// A phase of one transfer, in the order they run.
public enum TransferPhase: Sendable, Equatable {
    case nameLookup, connect, tlsHandshake, firstByte, body
}

extension TransferResult {
    /// The phase that was running when an unfinished transfer stopped (its timeout fired), from libcurl's
    /// timestamps: the first one it has none for. Before the request is sent, a connection that counts
    /// (`CURLINFO_NUM_CONNECTS`) is in its TLS handshake (libcurl 7.88 stamps `connect` only once TLS is done too);
    /// a reused connection has sent its request at once, so it waits for the first byte or the body.
    public var unfinishedPhase: TransferPhase {
        guard timings.preTransfer > 0 else {
            if timings.nameLookup == 0 { return .nameLookup }
            return newConnections == 0 ? .connect : .tlsHandshake
        }
        return timings.startTransfer == 0 ? .firstByte : .body
    }
}
