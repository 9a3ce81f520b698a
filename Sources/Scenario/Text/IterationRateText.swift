/// An arrival rate as written in `load:`: iterations per time unit — `20/s`, `90/m`, `3000/h` — or a bare
/// number read as per second (`20`). Returned as iterations per second.
public enum IterationRateText {
    private static let secondsPerUnit: [String: Double] = ["s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600]

    public static func parseOrExplain(_ text: String) throws(ParseFailure) -> Double {
        let trimmed = String(Substring(text).trimmingSpaces())
        if trimmed.hasPrefix("-") { throw ParseFailure("bad rate \"\(text)\" — rates cannot be negative") }
        let parts = trimmed.split(separator: "/", maxSplits: 1).map { String($0.trimmingSpaces()) }
        guard let count = Double(parts.first ?? ""), count.isFinite else {
            throw ParseFailure(
                "bad rate \"\(text)\" — expected iterations per time unit", hint: "write e.g. 20/s or 90/m")
        }
        guard parts.count == 2 else { return count }
        guard let seconds = secondsPerUnit[parts[1].lowercased()] else {
            let hint =
                parts[1].lowercased().hasPrefix("ms")
                ? "rates are per s, m or h; 1/ms is 1000/s" : "units are s, m and h, e.g. 20/s"
            throw ParseFailure("bad rate \"\(text)\" — unknown unit \"\(parts[1])\"", hint: hint)
        }
        return count / seconds
    }

    /// `20/s`, `0.5/s`: how a rate is shown.
    public static func format(_ perSecond: Double) -> String {
        let rounded = (perSecond * 1000).rounded() / 1000
        return rounded == rounded.rounded() ? "\(Int(rounded))/s" : "\(rounded)/s"
    }
}
