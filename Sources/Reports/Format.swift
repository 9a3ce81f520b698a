/// Number formats shared by the text reports.
enum Format {
    /// Milliseconds as a short latency: `0.42ms`, `12.3ms`, `850ms`, `1.24s`.
    static func latency(_ ms: Double) -> String {
        if ms >= 999.5 { return trimmed(ms / 1000, digits: 2) + "s" }
        if ms >= 100 { return String(Int(ms.rounded())) + "ms" }
        if ms >= 10 { return trimmed(ms, digits: 1) + "ms" }
        return trimmed(ms, digits: 2) + "ms"
    }

    static func rate(_ perSecond: Double) -> String {
        perSecond >= 100 ? String(Int(perSecond.rounded())) : trimmed(perSecond, digits: 1)
    }

    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0%" }
        let p = Double(part) / Double(whole) * 100
        // Never round a partial share up to 100% (or a non-zero one down to 0%).
        if part < whole && p >= 99 { return trimmed(min(p, 99.9), digits: 1) + "%" }
        return (p > 0 && p < 1 ? trimmed(p, digits: 1) : String(Int(p.rounded()))) + "%"
    }

    static func trimmed(_ value: Double, digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = String(rounded)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// A count, or "-" for zero, so non-zero cells stand out.
    static func count(_ n: Int) -> String { n == 0 ? "-" : String(n) }
}
