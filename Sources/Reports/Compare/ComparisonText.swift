import Verdicts

/// The terminal report of `rehearse compare`: a header naming both runs and the method, then one line per
/// series × metric, e.g. `dashboard (wait) [user]  p95  3.98s → 151ms  −96%  [−97%, −95%]  improvement`.
/// Error and timeout rates appear only where either run had any; the JSON has them all.
public struct ComparisonText: Reporter {
    public init() {}

    public func render(_ r: ComparisonReport) -> String {
        var out =
            [
                "Rehearsal compare — baseline: \(ComparisonFormat.run(r.baseline))",
                "                    candidate: \(ComparisonFormat.run(r.candidate))",
            ] + ComparisonFormat.method(r.method)
        if r.series.isEmpty {
            out += ["", "No step or group appears in both runs: nothing to compare."]
        } else {
            out += ["", Self.table(r).render()]
        }
        let showFlow = r.showsFlows
        var only: [String] = []
        for (title, names) in [
            ("Only in the baseline", r.onlyInBaseline), ("Only in the candidate", r.onlyInCandidate),
        ]
        where !names.isEmpty {
            only.append("\(title): " + names.map { $0.label(showFlow: showFlow) }.joined(separator: ", "))
        }
        if !only.isEmpty { out += [""] + only }
        out += ["", ComparisonFormat.tally(r)]
        return out.joined(separator: "\n")
    }

    static func table(_ r: ComparisonReport) -> AlignedTable {
        var table = AlignedTable(
            header: ["series", "metric", "baseline", "", "candidate", "change", "\(interval(r)) interval", "verdict"],
            rightAligned: [2, 4, 5])
        let showFlow = r.showsFlows
        for s in r.series {
            for (i, c) in s.changes.filter(ComparisonFormat.shown).enumerated() {
                table.rows.append([
                    i == 0 ? s.name.label(showFlow: showFlow) : "", c.metric,
                    ComparisonFormat.value(c.baseline, c.unit), "→", ComparisonFormat.value(c.candidate, c.unit),
                    ComparisonFormat.change(c), ComparisonFormat.interval(c) ?? "-", c.verdict.text,
                ])
            }
        }
        return table
    }

    /// `95%`.
    static func interval(_ r: ComparisonReport) -> String {
        Format.trimmed(r.method.confidencePercent, digits: 1) + "%"
    }
}

/// A plain monospaced table whose columns are aligned left or right one by one (`TextTable` right-aligns every
/// column after the first numeric one; here text follows numbers).
struct AlignedTable {
    var header: [String]
    var rows: [[String]] = []
    /// Indices of right-aligned columns.
    var rightAligned: Set<Int>

    func render() -> String {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return rightAligned.contains(c) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }
}
