/// How network conditions read in summaries and `rehearse network list`: round trips in milliseconds
/// (`0.5ms`, `150ms`), rates in the largest exact unit (`750 kbit/s`, `1.6 Mbit/s`, `1536 kbit/s`).
public enum NetworkText {
    /// A round trip or jitter in milliseconds with at most two decimals: `0.5ms`, `150ms`, `1200ms`.
    public static func milliseconds(_ duration: Duration) -> String {
        Duration.decimal(duration.inMilliseconds) + "ms"
    }

    /// A rate in bits per second: `unlimited` for `nil`, else the largest of Gbit/s, Mbit/s and kbit/s that shows
    /// it exactly with at most two decimals (`1.6 Mbit/s`, `768 kbit/s`, `1536 kbit/s`), else `bit/s`.
    public static func rate(_ bitsPerSecond: Int?) -> String {
        guard let bps = bitsPerSecond else { return "unlimited" }
        let units: [(size: Int, name: String)] = [(1_000_000_000, "Gbit/s"), (1_000_000, "Mbit/s"), (1_000, "kbit/s")]
        for unit in units where bps >= unit.size && bps % (unit.size / 100) == 0 {
            return Duration.decimal(Double(bps) / Double(unit.size)) + " " + unit.name
        }
        return "\(bps) bit/s"
    }

    /// A probability as a percentage with at most two decimals: `5%`, `0.5%`, `100%`.
    public static func percent(_ probability: Double) -> String {
        Duration.decimal(probability * 100) + "%"
    }
}

extension NetworkConditions {
    /// Whether these conditions change nothing: no added delay, no bandwidth limit, no faults (`network: none`).
    public var isPassThrough: Bool {
        rtt == .zero && jitter == .zero && downBitsPerSecond == nil && upBitsPerSecond == nil && faults.isEmpty
    }

    /// `slow-4g (150ms RTT, 1.6 Mbit/s down, 750 kbit/s up)`, `custom (120ms RTT, jitter 15ms, …, faults: refuse
    /// (5%))`, `transatlantic (80ms RTT)` or `none`. The name is `custom` for inline conditions.
    public var summaryText: String {
        let label = name ?? "custom"
        if isPassThrough { return label == "none" ? "none" : "\(label) (no added delay or limits)" }
        var parts = ["\(NetworkText.milliseconds(rtt)) RTT"]
        if jitter > .zero { parts.append("jitter \(NetworkText.milliseconds(jitter))") }
        if downBitsPerSecond != nil || upBitsPerSecond != nil {
            parts.append("\(NetworkText.rate(downBitsPerSecond)) down")
            parts.append("\(NetworkText.rate(upBitsPerSecond)) up")
        }
        if !faults.isEmpty { parts.append("faults: " + faults.map(\.summaryText).joined(separator: ", ")) }
        return "\(label) (\(parts.joined(separator: ", ")))"
    }
}

extension NetworkFault {
    /// `refuse (5%)`, `reset after 200ms (10%, down only)`, `truncate after 500 bytes`, `spike 300ms (2%)`.
    public var summaryText: String {
        var details: [String] = []
        if probability < 1 { details.append(NetworkText.percent(probability)) }
        if direction != .both { details.append("\(direction.rawValue) only") }
        return kindText + (details.isEmpty ? "" : " (" + details.joined(separator: ", ") + ")")
    }

    /// The kind as words: `black hole`, `reset after 1000 bytes`, `slow close 2s`.
    var kindText: String {
        switch kind {
        case .refuse: return "refuse"
        case .blackHole: return "black hole"
        case .reset(let after, let bytes):
            let limits = [after.map(\.shortText), bytes.map { "\($0) bytes" }].compactMap { $0 }
            return limits.isEmpty ? "reset" : "reset after " + limits.joined(separator: " or ")
        case .truncate(let bytes): return "truncate after \(bytes) bytes"
        case .slowClose(let delay): return "slow close \(delay.shortText)"
        case .spike(let stall): return "spike \(stall.shortText)"
        }
    }
}
