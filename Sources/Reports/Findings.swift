import Metrics
import Verdicts

/// Plain-language lines about what the user would have seen: which waits crossed the spinner limit, for which
/// role — the "spinner of death" the run exists to find.
enum Findings {
    /// A wait the user sees: a parallel group, or a lone request step; `limitMs` is its own spinner limit, if any.
    typealias Wait = (name: String, role: String, over: Int, count: Int, p95: Double, limitMs: Int?)

    /// Every wait of the run.
    static func waits(_ s: RunSummary) -> [Wait] {
        var waits: [Wait] = s.groups.map { ($0.group, $0.role, $0.overSpinner, $0.count, $0.time.p95, $0.spinnerMs) }
        waits += s.steps.filter { $0.group == nil }.map {
            ($0.step, $0.role, $0.overSpinner, $0.requests, $0.latency.p95, $0.spinnerMs)
        }
        return waits
    }

    /// The waits that crossed their spinner limit, the largest share first.
    static func slowWaits(_ s: RunSummary) -> [Wait] {
        waits(s).filter { $0.over > 0 }.sorted {
            Double($0.over) / Double($0.count) > Double($1.over) / Double($1.count)
        }
    }

    static func lines(_ s: RunSummary, style: TerminalStyle) -> [String] {
        cutOff(s, style: style) + spinnerLines(s, style: style)
    }

    /// Requests still waiting when the run ended: hung requests are the first thing to know about.
    static func cutOff(_ s: RunSummary, style: TerminalStyle) -> [String] {
        s.steps.compactMap { r in
            guard let cut = r.errors[ErrorClass.cutOff.rawValue], cut > 0 else { return nil }
            let name = r.group.map { "\($0) › \(r.step)" } ?? r.step
            return style.red(
                "✗ \(name) as \(r.role): \(cut) \(cut == 1 ? "request was" : "requests were") still waiting for a "
                    + "response when the run ended (cut off; the longest had waited \(Format.latency(r.latency.max)) "
                    + "and more)")
        }
    }

    static func spinnerLines(_ s: RunSummary, style: TerminalStyle) -> [String] {
        let spinner = Format.latency(Double(s.run.spinnerMs))
        let all = waits(s)
        let slow = all.filter { $0.over > 0 }.sorted {
            Double($0.over) / Double($0.count) > Double($1.over) / Double($1.count)
        }
        guard !slow.isEmpty else {
            let own = all.contains { $0.limitMs != nil } ? " (or its own)" : ""
            return [style.green("✓ No wait crossed the \(spinner) spinner limit\(own).")]
        }
        var out: [String] = []
        for w in slow {
            let limit = w.limitMs.map { Format.latency(Double($0)) } ?? spinner
            out.append(
                style.red(
                    "✗ \(w.name) as \(w.role): \(Format.percent(w.over, of: w.count)) of waits crossed the \(limit) "
                        + "spinner limit (p95 \(Format.latency(w.p95)))"))
            out += SlowestTraceLines.lines(s, slowWaits: [(w.name, w.role)])
        }
        let slowRoles = Set(slow.map(\.role))
        let fine = Set(s.run.roles).subtracting(slowRoles).sorted()
        if !fine.isEmpty {
            out.append(style.green("✓ \(fine.joined(separator: ", ")): every wait under the spinner limit."))
        }
        return out
    }

    /// Says that the limit in the findings is not the run's own: the counts were re-derived from the histograms.
    static func rejudged(_ s: RunSummary, recordedSpinnerMs: Int) -> String {
        "Spinner limit \(Format.latency(Double(s.run.spinnerMs))), re-judged from the saved histograms (the run used "
            + "\(Format.latency(Double(recordedSpinnerMs))); a wait within 0.1% of the limit counts as at it)."
    }
}
