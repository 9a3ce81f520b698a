import Metrics
import Verdicts

/// `rehearse knee`: per level and role the load, throughput, the slowest wait's p95 and the errors; then per role
/// the level where it crossed and the safe load before it.
public struct KneeText: Reporter {
    public var style: TerminalStyle

    public init(style: TerminalStyle = .plain) { self.style = style }

    public func render(_ k: KneeReport) -> String {
        let unit = k.unit == "rate" ? "iterations/s" : "VUs"
        var table = TextTable(
            header: ["load", "role", "req/s", "slowest wait", "p50", "p95", "errors", ""], firstNumericColumn: 2)
        for level in k.levels {
            for r in level.roles {
                let worst = r.waits.max { $0.p95Ms < $1.p95Ms }
                table.rows.append([
                    "\(Self.text(level.load)) \(unit)", r.role, Format.rate(r.throughput), worst?.name ?? "-",
                    worst.map { Format.latency($0.p50Ms) } ?? "-", worst.map { Format.latency($0.p95Ms) } ?? "-",
                    "\(Format.trimmed(r.errorRatePercent, digits: 1))%",
                    r.requests == 0 ? "not run" : r.crossed ? "✗" : "✓",
                ])
            }
        }
        var out = [
            style.bold(
                "Knee: stepped load, \(Format.latency(Double(k.spinnerMs))) spinner limit, errors over "
                    + "\(Format.trimmed(k.errorLimitPercent, digits: 1))% count as crossed"),
            table.render(), "",
        ]
        for role in k.roles {
            if let at = role.crossedAt {
                let safe = role.safe.map { "safe up to \(Self.text($0)) \(unit)" } ?? "no level below it was safe"
                out.append(
                    style.red("✗ \(role.role) crosses at \(Self.text(at)) \(unit) (\(role.reason ?? "")); \(safe)"))
            } else {
                let top = k.levels.last.map { "\(Self.text($0.load)) \(unit)" } ?? "any level"
                out.append(style.green("✓ \(role.role) never crossed, up to \(top)"))
            }
        }
        if k.stoppedEarly { out.append(style.dim("Stopped early: every role had crossed.")) }
        return out.joined(separator: "\n")
    }

    static func text(_ level: Double) -> String {
        level == level.rounded() ? String(Int(level)) : Format.trimmed(level, digits: 2)
    }
}
