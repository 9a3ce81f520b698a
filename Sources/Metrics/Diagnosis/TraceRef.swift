/// A W3C trace and span ID as numbers (saved as lower-case hex), so recording one costs no string.
public struct TraceRef: Sendable, Equatable, Hashable, Codable {
    public var traceHigh: UInt64
    public var traceLow: UInt64
    public var span: UInt64

    public init(traceHigh: UInt64, traceLow: UInt64, span: UInt64) {
        self.traceHigh = traceHigh
        self.traceLow = traceLow
        self.span = span
    }

    /// 32 lower-case hex digits.
    public var traceID: String { Self.hex(traceHigh) + Self.hex(traceLow) }
    /// 16 lower-case hex digits.
    public var spanID: String { Self.hex(span) }

    // camelCase: the results encoders convert keys to snake_case (`trace_id`, `span_id`) and back.
    private enum CodingKeys: String, CodingKey {
        case traceID = "traceId"
        case spanID = "spanId"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(traceID, forKey: .traceID)
        try c.encode(spanID, forKey: .spanID)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let trace = try c.decode(String.self, forKey: .traceID)
        let span = try c.decode(String.self, forKey: .spanID)
        guard trace.count == 32, span.count == 16, let high = UInt64(trace.prefix(16), radix: 16),
            let low = UInt64(trace.suffix(16), radix: 16), let s = UInt64(span, radix: 16)
        else {
            throw DecodingError.dataCorruptedError(
                forKey: .traceID, in: c, debugDescription: "expected 32 and 16 hex digits")
        }
        self.init(traceHigh: high, traceLow: low, span: s)
    }

    static func hex(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
