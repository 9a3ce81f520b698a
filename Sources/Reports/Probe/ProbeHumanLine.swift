import Verdicts

/// The line a probe prints on stderr for people, e.g.
/// `probe health: FAILED in 1.2s · user/dashboard failed: tasks: timeout: … · admin/dashboard healthy`.
public struct ProbeHumanLine: Reporter {
    public init() {}

    public func render(_ result: ProbeResult) -> String {
        let parts = result.flows.map { f -> String in
            let head = "\(f.role)/\(f.flow) \(f.verdict.rawValue)"
            return f.reasons.isEmpty ? head : head + ": " + f.reasons.prefix(2).joined(separator: "; ")
        }
        let took = Format.latency(result.durationSeconds * 1000)
        return (["probe \(result.profile): \(result.verdict.rawValue.uppercased()) in \(took)"] + parts)
            .joined(separator: " · ")
    }
}
