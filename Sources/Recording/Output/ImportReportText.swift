/// The report printed to stderr after an import: kept, dropped by reason, correlated values, role fields and
/// the environment variables that replace recorded secrets (names only, never values).
public enum ImportReportText {
    public static func render(_ r: ImportReport, output: String?) -> String {
        var lines: [String] = []
        let structure = [
            plural(r.steps, "step"), r.groups > 0 ? plural(r.groups, "parallel group") : nil,
            r.thinkTimes > 0 ? plural(r.thinkTimes, "think time") : nil,
        ].compactMap { $0 }.joined(separator: ", ")
        lines.append("Imported \(r.source): \(plural(r.entries, r.source == "curl" ? "command" : "entry")) read")
        lines.append("Kept \(plural(r.requests, "request")) in \(structure)")
        lines += dropped(r.dropped) + correlations(r.correlations)
        if !r.roleFields.isEmpty {
            lines.append("Role fields: " + r.roleFields.map { "{{role.\($0)}}" }.joined(separator: ", "))
        }
        if !r.missingRoleFields.isEmpty {
            lines.append(
                "warning: --role-fields not found in the recording: " + r.missingRoleFields.joined(separator: ", "))
        }
        switch r.statusChecks {
        case .byClass?:
            lines.append(
                "Checks: each step checks its recorded status's class (status: 2xx), so other roles replay it; "
                    + "--strict-status checks the exact codes")
        case .exact?: lines.append("Checks: each step checks its recorded status exactly (--strict-status)")
        case nil: break
        }
        lines.append("Target: base_url: \"{{env.\(OriginTable.mainVariable)}}\"  (recorded \(r.origins.mainOrigin))")
        for (variable, origin) in r.origins.entries.dropFirst() {
            lines.append("        {{env.\(variable)}}  (recorded \(origin)); add its host to target.allow_hosts")
        }
        lines += secrets(r.secrets)
        for note in r.notes { lines.append("note: \(note)") }
        if let output { lines.append("Wrote \(output)") }
        return lines.joined(separator: "\n")
    }

    private static func dropped(_ tally: DropTally) -> [String] {
        guard tally.total > 0 else { return [] }
        return ["Dropped \(tally.total):"]
            + tally.categories.map { category in
                let details = category.details.prefix(6).map { "\($0.0) \($0.1)" }
                let more = category.details.count > 6 ? ", …" : ""
                let suffix = details.isEmpty ? "" : " (" + details.joined(separator: ", ") + more + ")"
                return pad(category.count) + "  \(category.category)\(suffix)"
            }
    }

    private static func correlations(_ list: [Correlation]) -> [String] {
        guard !list.isEmpty else { return [] }
        let width = list.map(\.capture.count).max() ?? 0
        return ["Correlated \(plural(list.count, "value")) (captured from an earlier response):"]
            + list.map { c in
                "  \(c.capture.padding(width)) ← \(c.sourceStep)  \(clip(c.from))  = \(c.shown), used \(c.uses)×"
            }
    }

    private static func secrets(_ list: [EnvironmentSecret]) -> [String] {
        guard !list.isEmpty else { return [] }
        return ["Secrets replaced by environment variables (values not shown):"]
            + list.map { s in
                "  export \(s.name)=…    # \(s.firstUse)" + (s.uses > 1 ? " (+\(s.uses - 1) more)" : "")
            }
    }

    private static func plural(_ n: Int, _ word: String) -> String {
        if n == 1 { return "1 \(word)" }
        if word.hasSuffix("y") { return "\(n) \(word.dropLast())ies" }
        return "\(n) \(word)s"
    }

    private static func pad(_ n: Int) -> String {
        let text = String(n)
        return String(repeating: " ", count: max(0, 5 - text.count)) + text
    }

    private static func clip(_ text: String) -> String {
        text.count > 48 ? String(text.prefix(45)) + "..." : text
    }
}

extension String {
    /// The text padded with spaces to `width` characters.
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
