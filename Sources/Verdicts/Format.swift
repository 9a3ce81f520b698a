/// Number formats shared by verdicts and every text report: `850ms`, `1.24s`, `33%`, `12.3`.
///
/// It lives here, not in `Reports`, because verdicts carry sentences of their own (a threshold's detail, the
/// `abort_when` reason saved in the run, a probe's reasons) and `Reports`, above, prints figures the same way.
public enum Format {
    /// Milliseconds as a short latency: `0.42ms`, `12.3ms`, `850ms`, `1.24s`.
    public static func latency(_ ms: Double) -> String {
        if ms >= 999.5 { return trimmed(ms / 1000, digits: 2) + "s" }
        if ms >= 100 { return String(Int(ms.rounded())) + "ms" }
        if ms >= 10 { return trimmed(ms, digits: 1) + "ms" }
        return trimmed(ms, digits: 2) + "ms"
    }

    /// Requests per second: whole from 100 on, one decimal below.
    public static func rate(_ perSecond: Double) -> String {
        perSecond >= 100 ? String(Int(perSecond.rounded())) : trimmed(perSecond, digits: 1)
    }

    /// `part` in percent of `whole`: `33%`, `0.3%`, never `100%` for a partial share.
    public static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0%" }
        let p = Double(part) / Double(whole) * 100
        // Never round a partial share up to 100% (or a non-zero one down to 0%).
        if part < whole && p >= 99 { return trimmed(min(p, 99.9), digits: 1) + "%" }
        return (p > 0 && p < 1 ? trimmed(p, digits: 1) : String(Int(p.rounded()))) + "%"
    }

    /// `value` rounded to `digits` decimals, without a trailing `.0`.
    public static func trimmed(_ value: Double, digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = String(rounded)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// A count, or "-" for zero, so non-zero cells stand out.
    public static func count(_ n: Int) -> String { n == 0 ? "-" : String(n) }
}
