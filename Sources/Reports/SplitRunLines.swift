import Metrics

/// Lines about a run spread over several processes: which segment this one was, or which segments a merged run was
/// made from (and which are missing), and a start later than the common instant.
enum SplitRunLines {
    static func lines(_ s: RunSummary, style: TerminalStyle) -> [String] {
        var out: [String] = []
        if let segment = s.run.segment {
            out.append(style.dim("Segment \(segment) of a split run: merge the segments' results to judge the whole"))
        }
        if let merge = s.run.merge {
            let parts = merge.parts.count
            out.append(
                style.dim(
                    "Merged from \(parts) run\(parts == 1 ? "" : "s") (timelines by \(merge.timelineAlignment) second)")
            )
            if !merge.missingSegments.isEmpty {
                let missing = merge.missingSegments.map { "\($0)/\(merge.segmentCount)" }.joined(separator: ", ")
                out.append(style.red("⚠ segments missing: \(missing) — this is part of the load, not all of it"))
            }
            for part in merge.parts where part.start?.late == true {
                out.append(
                    style.red(
                        "⚠ \(part.segment.map { "segment \($0)" } ?? part.name) started "
                            + "\(part.start!.lateSeconds) s after the common start"))
            }
        }
        if let start = s.run.start, start.late {
            out.append(style.red("⚠ started \(start.lateSeconds) s after the common start \(start.scheduled)"))
        }
        return out
    }
}
