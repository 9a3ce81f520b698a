import Metrics
import Verdicts

/// The role diff as text: the few slowest differences first, each with its interval and where the extra time went
/// — one screen, not a wall (`rehearse diff-roles`, and the end of `rehearse run` when several roles ran).
public struct RoleDiffText: Reporter {
    public var style: TerminalStyle
    /// Slower findings shown at most; the rest are counted.
    public var limit: Int

    public init(style: TerminalStyle = .plain, limit: Int = 5) {
        self.style = style
        self.limit = limit
    }

    public func render(_ s: RunSummary) -> String {
        guard let diff = s.roleDiff else { return "" }
        let against = diff.base.map { "against \($0)" } ?? "against the fastest"
        var out = [style.bold("Role diff (each role \(against); p95 with its 95% interval)")]
        // A step that already explains a group of the same role is not repeated on its own.
        let explained = Set(
            diff.findings.filter { $0.kind == .group }.compactMap { f in f.explainedBy.map { "\(f.role)|\($0.step)" } })
        let slower = diff.findings.filter {
            $0.verdict == .slower && !($0.kind == .step && explained.contains("\($0.role)|\($0.name)"))
        }
        for f in slower.prefix(limit) {
            out.append(style.red("✗ " + headline(f)))
            if let why = f.explainedBy { out.append("    why: " + Self.explanation(why)) }
        }
        let rest = diff.findings.count - min(slower.count, limit)
        let unsure = diff.findings.filter { $0.verdict == .tooFewSamples }.count
        if unsure > 0 {
            // Too few samples is not "no difference": say that nothing can be said.
            out.append(
                style.yellow(
                    "⚠ inconclusive for \(unsure) of \(diff.findings.count) comparisons: fewer than "
                        + "\(RunComparison.minSamples) samples on a side"))
        }
        if slower.isEmpty && unsure == 0 {
            out.append(
                style.green("✓ no role is slower than another beyond the noise (\(diff.findings.count) compared)"))
        } else if rest > 0 {
            out.append(style.dim("  … \(rest) more comparisons in summary.json (role_diff)"))
        }
        return out.joined(separator: "\n")
    }

    /// `dashboard (wait): user 4.01s vs admin 12.5ms — 320× (95% CI 290×–350×)`.
    func headline(_ f: RoleDiffFinding) -> String {
        let what = f.kind == .group ? "\(f.name) (wait)" : f.name
        guard let p = f.percentile("p95") else { return "\(what): \(f.role) vs \(f.base)" }
        var text = "\(what): \(f.role) \(Format.latency(p.ms)) vs \(f.base) \(Format.latency(p.baseMs)) — "
        text += Self.times(p.ratio)
        if let low = p.low, let high = p.high { text += " (95% CI \(Self.times(low))–\(Self.times(high)))" }
        return text
    }

    /// `dashboard › tasks +4.0s at p95, queueing: pool +2.84s, db +1.25s`.
    static func explanation(_ e: ExtraTime) -> String {
        // Contributors under 1% of the extra time are noise next to it.
        let shown = e.contributors.filter { $0.value >= e.extraMs / 100 }.sorted { $0.value > $1.value }.prefix(3)
        let parts = shown.map { name, ms in "\(name) +\(Format.latency(ms))" }
        let cause =
            switch e.cause {
            case .serverTime: "server time"
            case .queueing: "queueing"
            case .transfer: "transfer"
            case .networkOrOther: "network or other (no Server-Timing explains it)"
            }
        let source = e.contributors.keys.contains { $0 != "queue" && $0 != "transfer" } ? " (Server-Timing)" : ""
        let detail = parts.isEmpty ? "" : ": " + parts.joined(separator: ", ") + source
        return "\(e.step) +\(Format.latency(e.extraMs)) at p95, \(cause)\(detail)"
    }

    static func times(_ r: Double) -> String { Format.trimmed(r, digits: r >= 10 ? 0 : 2) + "×" }
}
