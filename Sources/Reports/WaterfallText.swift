import Metrics
import Verdicts

/// `rehearse report --slowest N`: per role, the N slowest iterations and one ordinary one, each as a text waterfall
/// (requests of a parallel group side by side on one time axis), with the server's timings and trace IDs.
public struct WaterfallText: Reporter {
    public var slowest: Int
    /// Columns of the time axis.
    public var width: Int
    public var style: TerminalStyle

    public init(slowest: Int, width: Int = 48, style: TerminalStyle = .plain) {
        self.slowest = slowest
        self.width = width
        self.style = style
    }

    public func render(_ s: RunSummary) -> String {
        guard let all = s.waterfalls, !all.isEmpty else {
            return "No waterfalls in this run (runs saved before Rehearsal kept them have none)."
        }
        var out: [String] = []
        for role in roles(all) {
            let mine = all.filter { $0.role == role }
            let chosen =
                mine.filter { $0.kind == .slowest }.prefix(slowest) + mine.filter { $0.kind == .sampled }.prefix(1)
            for w in chosen {
                if !out.isEmpty { out.append("") }
                out += waterfall(w)
            }
        }
        out.append("")
        out.append(style.dim(Self.legend))
        return out.joined(separator: "\n")
    }

    static let legend =
        "bars: . queued  - dns/connect/tls  █ waiting for the first byte  ▒ transfer  × no response; "
        + "db 6.9s … = Server-Timing; "
        + "one trace per iteration, a span per request"

    private func roles(_ all: [WaterfallReport]) -> [String] {
        var seen: [String] = []
        for w in all where !seen.contains(w.role) { seen.append(w.role) }
        return seen
    }

    private func waterfall(_ w: WaterfallReport) -> [String] {
        let what = w.kind == .slowest ? "Slow iteration" : "Ordinary iteration"
        let status = w.failed ? style.red("failed") : "ok"
        let trace = w.requests.lazy.compactMap(\.traceId).first.map { " · trace \($0)" } ?? ""
        var out = [
            style.bold("\(what) of \(w.role)") + " — \(Format.latency(w.totalMs)), \(status) · vu \(w.vu), iteration "
                + "\(w.iteration), \(Format.trimmed(w.atSeconds, digits: 1))s into the run\(trace)"
        ]
        let span = max(w.totalMs, w.requests.map { $0.startMs + $0.totalMs }.max() ?? 0, 0.001)
        let names = w.requests.map { r in r.group.map { "\($0) › \(r.step)" } ?? r.step }
        let nameWidth = min(40, names.map(\.count).max() ?? 4)
        for (r, name) in zip(w.requests, names) {
            let label = Self.fit(name, nameWidth)
            let times = Self.pad(Format.latency(r.startMs), 7) + " " + Self.pad(Format.latency(r.totalMs), 7)
            let code = r.error.map { style.red($0) } ?? String(r.status)
            out.append("  \(label)  \(times)  |\(bar(r, span: span))|  \(code)\(notes(r))")
        }
        return out
    }

    /// The request's bar on the iteration's time axis.
    private func bar(_ r: WaterfallRequest, span: Double) -> String {
        var cells = Array(repeating: " ", count: width)
        func paint(_ from: Double, _ length: Double, _ mark: String) -> Double {
            let a = Int((from / span * Double(width)).rounded(.down))
            let b = Int(((from + length) / span * Double(width)).rounded(.down))
            for i in max(0, a)..<min(width, max(b, a + (length > 0 ? 1 : 0))) { cells[i] = mark }
            return from + length
        }
        var at = r.startMs
        at = paint(at, r.queueMs, ".")
        at = paint(at, r.dnsMs + r.connectMs + r.tlsMs, "-")
        at = paint(at, r.ttfbMs, "█")
        let rest = max(r.transferMs, r.totalMs - (at - r.startMs))
        // A request with no response (timed out, refused…) has no phases: its time is drawn as waited for nothing.
        _ = paint(at, rest, r.error != nil && r.status == 0 ? "×" : "▒")
        return cells.joined()
    }

    /// `  db 6.9s · pool 0.2s`: the server's own timings of this response.
    private func notes(_ r: WaterfallRequest) -> String {
        let timed = (r.serverTiming ?? [:]).filter { $0.value > 0 }.sorted { $0.value > $1.value }
        let parts = timed.map { "\($0.key) \(Format.latency($0.value))" }
        return parts.isEmpty ? "" : "  " + parts.joined(separator: " · ")
    }

    /// Shortens a name in the middle to `width` characters, padding shorter ones.
    static func fit(_ name: String, _ width: Int) -> String {
        guard name.count > width else { return name + String(repeating: " ", count: width - name.count) }
        let head = (width - 1) / 2
        return String(name.prefix(head)) + "…" + String(name.suffix(width - 1 - head))
    }

    static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
