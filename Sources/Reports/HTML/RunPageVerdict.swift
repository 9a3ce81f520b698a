import Metrics
import Verdicts

/// The page's first screen: the verdict in words and colour, the run's headline figures, at a glance which role
/// waited where and why, then the thresholds, the spinner per role and the generator's health.
enum RunPageVerdict {
    static func html(_ c: RunPageContext) -> String {
        var out = "<section id=\"verdict\"><h2>Verdict</h2>"
        out += banner(c)
        out += figures(c.summary)
        out += glance(c)
        out += thresholds(c)
        out += spinner(c)
        out += generator(c.summary)
        return out + "</section>"
    }

    /// `✗ Thresholds failed: 2 of 5`, coloured by what it means; an aborted or generator-bound run says so instead.
    static func banner(_ c: RunPageContext) -> String {
        let results = c.judged.thresholds
        let s = c.summary
        let (cls, sign, text): (String, String, String) =
            switch c.judged.verdict {
            case .aborted(let reason): ("warn", "⚠", "Aborted early — thresholds not judged: \(reason)")
            case .inconclusive:
                ("warn", "⚠", "Inconclusive — the load generator was the bottleneck; thresholds not judged")
            case .failed(let n): ("fail", "✗", "Thresholds failed: \(n) of \(results.count)")
            case .passed: ("pass", "✓", "Thresholds passed: all \(results.count)")
            case .noThresholds:
                s.totals.failed > 0
                    ? ("fail", "✗", "\(s.totals.failed) of \(s.totals.requests) requests failed (no thresholds set)")
                    : ("pass", "✓", "No request failed (no thresholds set)")
            }
        var out = "<p class=\"banner \(cls)\"><span class=\"sign\">\(sign)</span> \(HTMLText.escape(text))</p>"
        if s.run.stopReason == "interrupted" {
            out += "<p class=\"banner warn small\"><span class=\"sign\">⚠</span> Interrupted (Ctrl-C): the figures "
            out += "cover what was measured until the stop.</p>"
        }
        if let recorded = c.page.recordedSpinnerMs, recorded != s.run.spinnerMs {
            out += "<p class=\"banner warn small\"><span class=\"sign\">⚠</span> "
            out += HTMLText.escape(Findings.rejudged(s, recordedSpinnerMs: recorded)) + "</p>"
        }
        for line in SplitRunLines.lines(s, style: .plain) {
            let warn = line.hasPrefix("⚠")
            out += "<p class=\"\(warn ? "banner warn small" : "note")\">\(HTMLText.escape(line))</p>"
        }
        return out
    }

    /// Requests, rate, duration, VUs, failures, timeouts: what the run was, in six figures.
    static func figures(_ s: RunSummary) -> String {
        let t = s.totals
        let items: [(String, String, Bool)] = [
            ("requests", String(t.requests), false),
            ("requests/s", Format.rate(t.rate), false),
            ("duration", Format.trimmed(s.run.durationSeconds, digits: 1) + " s", false),
            ("VUs", String(s.run.vus), false),
            ("failed", "\(t.failed) (\(Format.percent(t.failed, of: t.requests)))", t.failed > 0),
            ("timeouts", String(t.timeouts), t.timeouts > 0),
            ("p95, all requests", Format.latency(t.latency.p95), false),
        ]
        var out = "<dl class=\"figures\">"
        for (name, value, bad) in items {
            out += "<div\(bad ? " class=\"bad\"" : "")><dt>\(HTMLText.escape(name))</dt>"
            out += "<dd>\(HTMLText.escape(value))</dd></div>"
        }
        return out + "</dl>"
    }

    /// Per role that crossed the spinner limit: where (its worst wait), since when (the first second its p95
    /// crossed), and why (the role diff's explanation).
    static func glance(_ c: RunPageContext) -> String {
        let slow = Findings.slowWaits(c.summary)
        guard !slow.isEmpty else { return "" }
        var out = "<div class=\"glance\"><h3>At a glance</h3><ul>"
        var seen: Set<String> = []
        for wait in slow where seen.insert(wait.role).inserted {
            var text = "\(c.palette.chip(wait.role)) waited on <b>\(HTMLText.escape(wait.name))</b>: "
            text += "\(Format.percent(wait.over, of: wait.count)) of \(wait.count) waits over the "
            text += "\(Format.latency(c.spinnerMs)) spinner limit (p95 \(Format.latency(wait.p95)))"
            if let since = firstCrossing(c, role: wait.role) {
                text += "; the role's p95 over the limit since \(Format.trimmed(since, digits: 0)) s into the run"
            }
            if let why = explanation(c.summary, role: wait.role, wait: wait.name) {
                text += "; why: \(HTMLText.escape(why))"
            }
            out += "<li>\(text).</li>"
        }
        return out + "</ul></div>"
    }

    /// The first second at which the role's p95 was over the spinner limit.
    static func firstCrossing(_ c: RunPageContext, role: String) -> Double? {
        for point in c.info.timeline {
            if let r = point.roles?.first(where: { $0.role == role }), r.p95 > c.spinnerMs { return point.elapsed }
        }
        return nil
    }

    /// The role diff's account of the wait's extra time for the role, when it found the role slower.
    static func explanation(_ s: RunSummary, role: String, wait: String) -> String? {
        let findings = s.roleDiff?.findings ?? []
        let finding = findings.first { $0.role == role && $0.name == wait && $0.verdict == .slower }
        return finding?.explainedBy.map(RoleDiffText.explanation)
    }

    static func thresholds(_ c: RunPageContext) -> String {
        let results = c.judged.thresholds
        guard !results.isEmpty || !c.unparsed.isEmpty else { return "" }
        var table = HTMLTable(columns: ["", "threshold", "observed"], numeric: [])
        table.caption = "Thresholds"
        for r in results {
            table.rows.append([
                HTMLTable.Cell(r.passed ? "✓ pass" : "✗ fail", sort: r.passed ? 1 : 0, cls: r.passed ? "good" : "bad"),
                HTMLTable.Cell(r.threshold.text), HTMLTable.Cell(r.detail),
            ])
        }
        for text in c.unparsed {
            table.rows.append([
                HTMLTable.Cell("? not judged", cls: "warn"), HTMLTable.Cell(text),
                HTMLTable.Cell("this version cannot read it"),
            ])
        }
        return "<h3>Thresholds</h3>" + table.render()
    }

    /// Per role: the waits that crossed the spinner limit, or that none did.
    static func spinner(_ c: RunPageContext) -> String {
        let waits = Findings.waits(c.summary)
        var out = "<h3>The spinner, per role (limit \(Format.latency(c.spinnerMs)))</h3><ul class=\"findings\">"
        for role in c.roles {
            let mine = waits.filter { $0.role == role }
            let slow = mine.filter { $0.over > 0 }.sorted { $0.over * $1.count > $1.over * $0.count }
            if slow.isEmpty {
                out += "<li class=\"good\">✓ \(c.palette.chip(role)): every wait under the spinner limit"
                out += " (\(mine.count) kinds of wait)</li>"
            }
            for w in slow {
                out += "<li class=\"bad\">✗ \(c.palette.chip(role)) on \(HTMLText.escape(w.name)): "
                out += "\(Format.percent(w.over, of: w.count)) of \(w.count) waits crossed the limit "
                out += "(p95 \(Format.latency(w.p95)))</li>"
            }
        }
        return out + "</ul>"
    }

    /// The generator's figures; when it was the bottleneck, that the figures describe it and not the target.
    static func generator(_ s: RunSummary) -> String {
        var out = "<h3>Load generator</h3>"
        let lines = GeneratorLines.lines(s, style: .plain)
        guard let g = s.run.generator else {
            out += "<p class=\"note\">This run was saved before generator health was kept.</p>"
            return out + lines.map { "<p class=\"banner warn small\">\(HTMLText.escape($0))</p>" }.joined()
        }
        if g.isBound {
            out += "<p class=\"banner warn\"><span class=\"sign\">⚠</span> Generator-bound: the figures describe the"
            out += " load generator, not the target.</p>"
        } else {
            out += "<p class=\"banner pass small\"><span class=\"sign\">✓</span> The generator kept up.</p>"
        }
        for line in lines {
            let cls = line.hasPrefix("Generator:") ? "note" : "banner warn small"
            out += "<p class=\"\(cls)\">\(HTMLText.escape(line))</p>"
        }
        return out
    }
}
