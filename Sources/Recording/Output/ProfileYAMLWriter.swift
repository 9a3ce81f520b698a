/// Writes a starting profile next to an imported flow (`--profile PATH`): the base URL from the environment,
/// the flow, a role whose fields come from the environment, and one iteration of one virtual user.
public enum ProfileYAMLWriter {
    /// The profile text; `flowPath` is written relative to the profile's folder.
    public static func write(report: ImportReport, flowName: String, flowPath: String, profilePath: String) -> String {
        var lines = [
            "# Written by `rehearse import` with \(flowPath.split(separator: "/").last ?? "").",
            "# Edit roles and load before a real run.",
            "name: \(YAMLText.scalar(flowName))",
            "target:",
            "  base_url: \"{{env.\(OriginTable.mainVariable)}}\"   # recorded: \(report.origins.mainOrigin)",
        ]
        if report.origins.entries.count > 1 {
            let hosts = report.origins.entries.compactMap { RecordedURL.parse($0.origin)?.bareHost }
            lines.append(
                "  allow_hosts: [" + hosts.map(YAMLText.scalar).joined(separator: ", ") + "]   # the recorded hosts")
        }
        lines += ["flows:", "  - \(YAMLText.scalar(relative(flowPath, from: profilePath)))"]
        if !report.roleFields.isEmpty {
            lines += ["roles:", "  user:", "    fields:"]
            for field in report.roleFields {
                lines.append("      \(YAMLText.scalar(field)): { env: ROLE_\(EnvName.make(field)) }")
            }
        }
        lines += ["load:", "  vus: 1", "  iterations: 1"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `flows/x.yaml` seen from `profiles/p.yaml` → `../flows/x.yaml` (absolute paths stay absolute).
    static func relative(_ target: String, from profile: String) -> String {
        if target.hasPrefix("/") != profile.hasPrefix("/") { return target }
        let from = profile.split(separator: "/").dropLast().filter { $0 != "." }
        let to = target.split(separator: "/").filter { $0 != "." }
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        return (ups + to[common...].map(String.init)).joined(separator: "/")
    }
}
