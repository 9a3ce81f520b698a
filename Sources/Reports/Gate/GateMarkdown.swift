import Metrics
import Scenario
import Verdicts

/// The release gate as a pull-request comment (`--markdown FILE`): a ✅/❌ verdict line, one line about the run, a
/// table threshold | observed | result, then p50/p95/p99/failed/timeouts per step × role (group waits included).
public struct GateMarkdown: Reporter {
    /// Most step × role rows the Markdown summary shows; the rest are counted in a last line.
    static let markdownRowLimit = 25

    public init() {}

    public func render(_ judged: JudgedRun) -> String {
        let results = judged.thresholds
        let run = judged.summary
        var out = [Self.verdict(judged), "", Self.runLine(run)]
        if !results.isEmpty {
            out += ["", "| threshold | observed | result |", "|---|--:|---|"]
            for r in results {
                out.append(
                    "| \(MarkdownText.code(r.threshold.text)) | \(MarkdownText.cell(GateFormat.observed(r))) | "
                        + (r.passed ? "✅ pass" : "❌ fail") + " |")
            }
            let missing = results.filter { $0.observed == nil }
            if !missing.isEmpty {
                out += [
                    "",
                    "No data: nothing matched "
                        + missing.map { MarkdownText.code($0.threshold.text) }
                        .joined(separator: ", ") + ", so " + (missing.count == 1 ? "it fails." : "they fail."),
                ]
            }
        }
        let rows = Self.stepRows(run)
        if !rows.isEmpty {
            out += [
                "", "| step | role | requests | p50 | p95 | p99 | failed | timeouts |",
                "|---|---|--:|--:|--:|--:|--:|--:|",
            ]
            out += rows.prefix(Self.markdownRowLimit)
            if rows.count > Self.markdownRowLimit {
                let more = rows.count - Self.markdownRowLimit
                out += ["", "… and \(more) more rows in the full report (`rehearse report`)."]
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func verdict(_ judged: JudgedRun) -> String {
        let results = judged.thresholds
        let name = MarkdownText.cell(judged.summary.run.profile)
        switch judged.verdict {
        case .aborted(let reason): return "### ⛔ Rehearsal \(name): aborted — \(MarkdownText.cell(reason))"
        case .inconclusive(let reasons):
            return "### ⚠️ Rehearsal \(name): inconclusive — the load generator was the bottleneck ("
                + MarkdownText.cell(reasons.joined(separator: "; ")) + ")"
        default: break
        }
        if results.isEmpty { return "### ✅ Rehearsal \(name): no thresholds set" }
        let failed = results.failedCount
        if failed == 0 {
            return "### ✅ Rehearsal \(name): "
                + (results.count == 1
                    ? "the threshold passed"
                    : results.count == 2 ? "both thresholds passed" : "all \(results.count) thresholds passed")
        }
        return "### ❌ Rehearsal \(name): \(failed) of \(results.count) threshold\(results.count == 1 ? "" : "s") failed"
    }

    private static func runLine(_ s: RunSummary) -> String {
        var parts = [
            seconds(s.run.durationSeconds), "\(s.run.vus) VU\(s.run.vus == 1 ? "" : "s")",
            "\(s.totals.requests) requests (\(Format.rate(s.totals.rate))/s)",
            "\(s.totals.failed) failed", "\(s.totals.timeouts) timeout\(s.totals.timeouts == 1 ? "" : "s")",
            "p95 \(Format.latency(s.totals.latency.p95))",
        ]
        if s.run.stopReason != "completed" {
            parts.append("⚠️ stopped early (\(MarkdownText.cell(s.run.stopReason)))")
        }
        return parts.joined(separator: " · ")
    }

    /// Steps (`group › step` inside a group) then group waits (`group (wait)`), in catalog order.
    private static func stepRows(_ s: RunSummary) -> [String] {
        func row(_ name: String, _ role: String, _ count: Int, _ p: Percentiles, _ failed: Int, _ timeouts: Int)
            -> String
        {
            let cells = [
                MarkdownText.cell(name), MarkdownText.cell(role), String(count), Format.latency(p.p50),
                Format.latency(p.p95), Format.latency(p.p99), Format.count(failed), Format.count(timeouts),
            ]
            return "| " + cells.joined(separator: " | ") + " |"
        }
        let scenarios = SummaryReport.namesScenarios(s)
        func named(_ name: String, _ scenario: String) -> String { scenarios ? "\(scenario): \(name)" : name }
        var rows = s.steps.map { r in
            row(
                named(r.group.map { "\($0) › \(r.step)" } ?? r.step, r.scenario), r.role, r.requests, r.latency,
                r.failed,
                r.errors[ErrorClass.timeout.rawValue] ?? 0)
        }
        rows += s.groups.map { g in
            let timeouts = s.steps.filter {
                $0.scenario == g.scenario && $0.flow == g.flow && $0.group == g.group && $0.role == g.role
            }.reduce(0) { $0 + ($1.errors[ErrorClass.timeout.rawValue] ?? 0) }
            return row(named("\(g.group) (wait)", g.scenario), g.role, g.count, g.time, g.failed, timeouts)
        }
        return rows
    }

    /// `20s`, `1m 30s`: the run's duration.
    private static func seconds(_ s: Double) -> String {
        s < 60 ? Format.trimmed(s, digits: 1) + "s" : "\(Int(s) / 60)m \(Int(s) % 60)s"
    }
}
