/// A W3C Trace Context `traceparent` for one request: the trace (one per iteration of a virtual user) and this
/// request's span, sampled. Backends that continue the trace (OpenTelemetry, Jaeger, Tempo, Honeycomb) then show
/// the request a load test found slow under its trace ID.
public struct TraceParent: Sendable, Equatable, Hashable {
    /// The 128-bit trace ID, high and low halves; never all zero.
    public var traceHigh: UInt64
    public var traceLow: UInt64
    /// The 64-bit span (parent) ID; never zero.
    public var span: UInt64

    public init(traceHigh: UInt64, traceLow: UInt64, span: UInt64) {
        // All-zero IDs are invalid: a backend would drop the header.
        self.traceHigh = traceHigh
        self.traceLow = traceHigh == 0 && traceLow == 0 ? 1 : traceLow
        self.span = span == 0 ? 1 : span
    }

    /// 32 lower-case hex digits.
    public var traceID: String { Self.hex(traceHigh) + Self.hex(traceLow) }
    /// 16 lower-case hex digits.
    public var spanID: String { Self.hex(span) }

    /// `00-<trace>-<span>-01`.
    public var headerValue: String { "00-\(traceID)-\(spanID)-01" }

    /// The header line's fixed prefix and length (the engine rewrites the digits in place).
    static let linePrefix = "traceparent: 00-"
    static let lineLength = linePrefix.utf8.count + 32 + 1 + 16 + 3

    /// Writes the 55 characters after `traceparent: 00-` … into `line` (exactly `lineLength` bytes).
    func write(into line: UnsafeMutablePointer<CChar>) {
        let start = Self.prefixLength
        Self.put(traceHigh, at: line + start)
        Self.put(traceLow, at: line + start + 16)
        line[start + 32] = 0x2D  // -
        Self.put(span, at: line + start + 33)
    }

    private static let prefixLength = linePrefix.utf8.count

    /// 16 lower-case hex digits of `value`, by arithmetic (no table, no bounds checks: once per request).
    @inline(__always)
    private static func put(_ value: UInt64, at out: UnsafeMutablePointer<CChar>) {
        var v = value
        var i = 15
        while i >= 0 {
            let nibble = UInt8(truncatingIfNeeded: v) & 0xF
            out[i] = CChar(bitPattern: nibble &+ (nibble < 10 ? 0x30 : 0x57))
            v &>>= 4
            i &-= 1
        }
    }

    static func hex(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
