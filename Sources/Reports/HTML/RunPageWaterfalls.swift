import Metrics
import Verdicts

/// Per role, its slowest iteration and an ordinary one, request by request on a time axis (each request's phases
/// as segments, the spinner limit marked); every kept iteration as a table.
enum RunPageWaterfalls {
    static func html(_ c: RunPageContext, charts: inout ChartBook) -> String? {
        guard let all = c.summary.waterfalls, !all.isEmpty else { return nil }
        var out = "<section id=\"waterfalls\"><h2>Waterfalls: the slowest and an ordinary iteration per role</h2>"
        out += "<div class=\"grid\">"
        for role in c.roles {
            let mine = all.filter { $0.role == role }
            for w in [mine.first { $0.kind == .slowest }, mine.first { $0.kind == .sampled }].compactMap({ $0 }) {
                out += charts.figure(
                    chart(w, c),
                    caption: "\(role): \(w.kind == .slowest ? "slowest" : "an ordinary") iteration, "
                        + "\(Format.latency(w.totalMs)) (VU \(w.vu), at \(Format.trimmed(w.atSeconds, digits: 1)) s)",
                    height: 110 + 24 * w.requests.count)
            }
        }
        out += "</div><details><summary>Every kept iteration, request by request</summary>"
        for w in all { out += table(w, c) }
        return out + "</details></section>"
    }

    static func label(_ r: WaterfallRequest, _ i: Int) -> String {
        "\(i + 1). " + (r.group.map { "\($0) › \(r.step)" } ?? r.step)
    }

    /// One bar per request from its start, split into its phases; a request with no answer is one bar.
    static func chart(_ w: WaterfallReport, _ c: RunPageContext) -> ChartSpec {
        var spec = ChartSpec(kind: .bars)
        spec.categories = w.requests.enumerated().map { label($1, $0) }
        let phases: [(String, KeyPath<WaterfallRequest, Double>)] = [
            ("queue", \.queueMs), ("dns", \.dnsMs), ("connect", \.connectMs), ("tls", \.tlsMs), ("ttfb", \.ttfbMs),
            ("transfer", \.transferMs),
        ]
        var offsets = w.requests.map(\.startMs)
        for (name, path) in phases {
            var s = ChartSeries(label: PhasePalette.names[name] ?? name, color: PhasePalette.colors[name] ?? "#999999")
            s.ranges = w.requests.indices.map { i in
                let from = offsets[i]
                offsets[i] += w.requests[i][keyPath: path]
                return [from.significant(5), offsets[i].significant(5)]
            }
            spec.series.append(s)
        }
        // What the phases do not account for: a request that got no answer waited all of it.
        var unanswered = ChartSeries(label: "no answer (error or timeout)", color: VerdictColor.fail)
        unanswered.ranges = w.requests.indices.map { i in
            let end = w.requests[i].startMs + w.requests[i].totalMs
            return w.requests[i].error != nil && end > offsets[i]
                ? [offsets[i].significant(5), end.significant(5)] : [0, 0]
        }
        spec.series.append(unanswered)
        spec.lines = [.x(c.spinnerMs, "spinner \(Format.latency(c.spinnerMs))", color: VerdictColor.fail)]
        spec.unit = "ms"
        spec.xTitle = "ms since the iteration started"
        return spec
    }

    static func table(_ w: WaterfallReport, _ c: RunPageContext) -> String {
        var table = HTMLTable(
            columns: ["request", "start", "total", "status", "bytes", "server timing", "trace id"], numeric: [1, 2, 4])
        table.sortable = false
        table.caption =
            "\(w.role) · \(w.kind.rawValue) · VU \(w.vu) iteration \(w.iteration) · \(Format.latency(w.totalMs))"
        for (i, r) in w.requests.enumerated() {
            let timing = (r.serverTiming ?? [:]).sorted { $0.key < $1.key }.map {
                "\($0.key) \(Format.latency($0.value))"
            }
            table.rows.append([
                HTMLTable.Cell(label(r, i)), .ms(r.startMs), .ms(r.totalMs),
                HTMLTable.Cell(r.error ?? String(r.status), cls: r.error == nil ? nil : "bad"),
                .number(String(r.bytes), Double(r.bytes)), HTMLTable.Cell(timing.joined(separator: ", ")),
                HTMLTable.Cell(html: r.traceId.map { "<code>\(HTMLText.escape($0))</code>" } ?? "-"),
            ])
        }
        return table.render()
    }
}
