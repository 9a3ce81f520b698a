import Yams

/// Writes a starting profile next to an imported flow (`--profile PATH`): the base URL from the environment,
/// the flow, a role whose fields come from the environment, and one iteration of one virtual user.
public enum ProfileYAMLWriter {
    /// The profile text; `flowPath` is written relative to the profile's folder. Relative paths are taken
    /// from `workingDirectory` (both are made absolute first, so `--profile ../p.yaml` works).
    public static func write(
        report: ImportReport, flowName: String, flowPath: String, profilePath: String, workingDirectory: String
    ) -> String {
        var comments = [
            "Written by `rehearse import` with \(flowPath.split(separator: "/").last ?? "").",
            "Edit roles and load before a real run.",
            "target.base_url: recorded \(report.origins.mainOrigin)",
        ]
        var target: [(String, Node)] = [("base_url", YAMLTree.string("{{env.\(OriginTable.mainVariable)}}"))]
        if report.origins.entries.count > 1 {
            let hosts = report.origins.entries.compactMap { RecordedURL.parse($0.origin)?.bareHost }
            target.append(("allow_hosts", YAMLTree.list(hosts.map(YAMLTree.string), flow: true)))
            comments.append("target.allow_hosts: the recorded hosts")
        }
        let flow = relative(
            absolute(flowPath, in: workingDirectory), from: absolute(profilePath, in: workingDirectory))
        var top: [(String, Node)] = [
            ("name", YAMLTree.string(flowName)), ("target", YAMLTree.map(target)),
            ("flows", YAMLTree.list([YAMLTree.string(flow)])),
        ]
        if !report.roleFields.isEmpty {
            let fields = report.roleFields.map { field in
                (field, YAMLTree.map([("env", YAMLTree.string("ROLE_\(EnvName.make(field))"))], flow: true))
            }
            top.append(("roles", YAMLTree.map([("user", YAMLTree.map([("fields", YAMLTree.map(fields))]))])))
        }
        top.append(("load", YAMLTree.map([("vus", YAMLTree.int(1)), ("iterations", YAMLTree.int(1))])))
        do {
            return try YAMLTree.document(YAMLTree.map(top), comments: comments)
        } catch {
            // Not reached with a tree built as above; the profile then fails to load, naming the cause.
            return "# rehearse import could not write this profile: \(error)\n"
        }
    }

    /// `path` from `/`, with `.` and `..` resolved (textually: a symbolic link is not followed).
    static func absolute(_ path: String, in workingDirectory: String) -> String {
        let full = path.hasPrefix("/") ? path : workingDirectory + "/" + path
        var out: [Substring] = []
        for piece in full.split(separator: "/") where piece != "." {
            if piece == ".." { _ = out.popLast() } else { out.append(piece) }
        }
        return "/" + out.joined(separator: "/")
    }

    /// `/w/flows/x.yaml` seen from `/w/profiles/p.yaml` → `../flows/x.yaml`; both paths absolute and
    /// resolved (``absolute(_:in:)``).
    static func relative(_ target: String, from profile: String) -> String {
        let from = profile.split(separator: "/").dropLast()
        let to = target.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        return (ups + to[common...].map(String.init)).joined(separator: "/")
    }
}
