import Metrics
import Verdicts

/// What the run was: its id, times, target, load, timeouts, network per role, the profile in words (secrets
/// redacted when the run saved it), and the generator's machine and libcurl.
enum RunPageDetails {
    static func html(_ c: RunPageContext) -> String {
        let i = c.info
        var rows: [(String, String)] = []
        if let id = c.page.runID { rows.append(("run id", id)) }
        rows += [
            ("profile", i.profile), ("started", i.startedAt), ("ended", i.endedAt),
            ("duration", Format.trimmed(i.durationSeconds, digits: 1) + " s"), ("stop", stop(i)),
            ("target", i.baseURL), ("VUs", String(i.vus)),
            (
                "timeouts",
                "request \(Format.latency(Double(i.requestTimeoutMs))), connect "
                    + "\(Format.latency(Double(i.connectTimeoutMs))), spinner \(Format.latency(Double(i.spinnerMs)))"
            ),
        ]
        for s in i.scenarios ?? [] { rows.append(("scenario \(s.name)", "\(s.executor): \(s.load)")) }
        if let seed = i.seed { rows.append(("seed", String(seed))) }
        if let fingerprint = i.fingerprint { rows.append(("fingerprint", fingerprint)) }
        if let segment = i.segment { rows.append(("segment", "\(segment) of a split run")) }
        if let merge = i.merge { rows.append(("merged from", merge.parts.map(\.name).joined(separator: ", "))) }
        rows += [("Rehearsal", i.rehearsalVersion), ("libcurl", i.libcurlVersion)]
        rows.append(("machine", i.machine ?? "not recorded (a run saved by an older version)"))
        rows.append(("engine threads", String(i.workers)))
        var out = "<section id=\"details\"><h2>The run</h2><dl class=\"details\">"
        for (name, value) in rows {
            out += "<dt>\(HTMLText.escape(name))</dt><dd>\(HTMLText.escape(value))</dd>"
        }
        out += "</dl>" + network(c)
        if let lines = i.profileSummary, !lines.isEmpty {
            out += "<h3>The profile</h3><pre class=\"profile\">"
            out += HTMLText.escape(lines.joined(separator: "\n")) + "</pre>"
            out +=
                "<p class=\"note\">As <code>rehearse validate</code> prints it: no role field or environment value.</p>"
        }
        return out + "</section>"
    }

    static func stop(_ i: RunInfo) -> String {
        var text = i.stopReason
        if let reason = i.abortReason { text += ": \(reason)" }
        if let at = i.stopAtSeconds { text += " (asked at \(Format.trimmed(at, digits: 1)) s)" }
        return text
    }

    static func network(_ c: RunPageContext) -> String {
        guard let network = c.info.network, !network.isEmpty else {
            return
                "<h3>Network</h3><p class=\"note\">No network was emulated: every role ran over the machine's own path.</p>"
        }
        var table = HTMLTable(columns: ["role", "preset", "RTT", "jitter", "down", "up", "faults"], numeric: 2...5)
        table.sortable = false
        for n in network {
            table.rows.append([
                HTMLTable.Cell(html: c.palette.chip(n.role)), HTMLTable.Cell(n.preset ?? "custom"), .ms(n.rttMs),
                .ms(n.jitterMs), HTMLTable.Cell(n.downKbit.map { "\(Format.trimmed($0, digits: 0)) kbit/s" } ?? "-"),
                HTMLTable.Cell(n.upKbit.map { "\(Format.trimmed($0, digits: 0)) kbit/s" } ?? "-"),
                HTMLTable.Cell(n.faults.joined(separator: ", ")),
            ])
        }
        return "<h3>Network per role</h3>" + table.render()
    }
}
