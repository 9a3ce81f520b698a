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
        if r.dropped.total > 0 {
            lines.append("Dropped \(r.dropped.total):")
            for category in r.dropped.categories {
                let details = category.details.prefix(6).map { "\($0.0) \($0.1)" }
                let more = category.details.count > 6 ? ", …" : ""
                let suffix = details.isEmpty ? "" : " (" + details.joined(separator: ", ") + more + ")"
                lines.append(pad(category.count) + "  \(category.category)\(suffix)")
            }
        }
        if !r.correlations.isEmpty {
            lines.append("Correlated \(plural(r.correlations.count, "value")) (captured from an earlier response):")
            let width = r.correlations.map(\.capture.count).max() ?? 0
            for c in r.correlations {
                let name = c.capture.padding(width)
                lines.append("  \(name) ← \(c.sourceStep)  \(clip(c.from))  = \(c.shown), used \(c.uses)×")
            }
        }
        if !r.roleFields.isEmpty {
            lines.append("Role fields: " + r.roleFields.map { "{{role.\($0)}}" }.joined(separator: ", "))
        }
        if !r.missingRoleFields.isEmpty {
            lines.append("warning: --role-fields not found in any request body: " + r.missingRoleFields.joined(separator: ", "))
        }
        lines.append("Target: base_url: \"{{env.\(OriginTable.mainVariable)}}\"  (recorded \(r.origins.mainOrigin))")
        for (variable, origin) in r.origins.entries.dropFirst() {
            lines.append("        {{env.\(variable)}}  (recorded \(origin)); add its host to target.allow_hosts")
        }
        if !r.secrets.isEmpty {
            lines.append("Secrets replaced by environment variables (values not shown):")
            for s in r.secrets {
                let more = s.uses > 1 ? " (+\(s.uses - 1) more)" : ""
                lines.append("  export \(s.name)=…    # \(s.firstUse)\(more)")
            }
        }
        for note in r.notes { lines.append("note: \(note)") }
        if let output { lines.append("Wrote \(output)") }
        return lines.joined(separator: "\n")
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
