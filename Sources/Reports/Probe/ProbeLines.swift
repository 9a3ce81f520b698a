import Foundation

/// The two lines a probe prints: one JSON object on stdout for machines, one short sentence on stderr for people.
public enum ProbeLines {
    /// Compact JSON, snake_case keys, sorted, on one line.
    public static func json(_ result: ProbeResult) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = (try? encoder.encode(result)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// e.g. `probe health: FAILED in 1.2s · user/dashboard failed: tasks: timeout: … · admin/dashboard healthy`.
    public static func human(_ result: ProbeResult) -> String {
        let parts = result.flows.map { f -> String in
            let head = "\(f.role)/\(f.flow) \(f.verdict.rawValue)"
            return f.reasons.isEmpty ? head : head + ": " + f.reasons.prefix(2).joined(separator: "; ")
        }
        let took = Format.latency(result.durationSeconds * 1000)
        return (["probe \(result.profile): \(result.verdict.rawValue.uppercased()) in \(took)"] + parts)
            .joined(separator: " · ")
    }
}
