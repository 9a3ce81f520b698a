/// `rehearse merge`: several runs of one profile — the segments of a split run — made into one run that every
/// report, threshold and comparison treats like any other. Histograms are added (HdrHistogram, lossless: the merged
/// percentiles are those of one histogram holding every sample), counters summed, timelines lined up on the wall
/// clock, evidence pooled within its bound, and each part's generator health kept: one generator-bound part makes
/// the merged verdict inconclusive.
///
/// Measurements are folded with `MetricsStore.add`, never field by field, so whatever a store learns to hold
/// merges with it.
public enum RunMerge {
    /// One run to merge: a name for messages (its folder), what it saved, its evidence.
    public struct Part: Sendable {
        public var name: String
        public var run: SavedRun
        public var evidence: [FailureEvidence]

        public init(name: String, run: SavedRun, evidence: [FailureEvidence] = []) {
            self.name = name
            self.run = run
            self.evidence = evidence
        }
    }

    /// The merged run, its pooled evidence, and what the user should know (missing segments, an old timeline).
    public struct Result: Sendable {
        public var run: SavedRun
        public var evidence: [FailureEvidence]
        public var warnings: [String]
    }

    /// Merges `parts` (at least one).
    /// - Throws: `MergeRefusal` when the parts are not pieces of one run: different profiles or Rehearsal
    ///   versions, different series, overlapping or duplicate segments, or whole runs together with anything.
    public static func merge(_ parts: [Part]) throws(MergeRefusal) -> Result {
        guard let first = parts.first else { throw MergeRefusal("nothing to merge", hint: "name run folders") }
        try checkSameRun(parts)
        let missing = try checkSegments(parts)
        var store = MetricsStore(catalog: first.run.catalog)
        for part in parts { store.add(part.run.store) }
        var warnings: [String] = []
        if !missing.isEmpty {
            let count = first.run.info.segment?.count ?? 1
            warnings.append(
                "segments missing: \(missing.map { "\($0)/\(count)" }.joined(separator: ", ")) — the merged run is "
                    + "\(parts.count) of \(count) parts of the load, not the whole")
        }
        let timeline = MergedTimeline.make(parts.map(\.run.info))
        if let note = timeline.warning { warnings.append(note) }
        var info = mergedInfo(parts, store: store, timeline: timeline)
        info.merge = MergeInfo(
            segmentCount: first.run.info.segment?.count ?? 1, missingSegments: missing,
            timelineAlignment: timeline.alignment, parts: parts.map(mergedPart))
        return Result(
            run: SavedRun(info: info, catalog: first.run.catalog, store: store), evidence: pooledEvidence(parts),
            warnings: warnings)
    }

    /// Same profile (by fingerprint), same version, same series.
    private static func checkSameRun(_ parts: [Part]) throws(MergeRefusal) {
        let first = parts[0]
        for part in parts.dropFirst() {
            let (a, b) = (first.run.info, part.run.info)
            if a.rehearsalVersion != b.rehearsalVersion {
                throw MergeRefusal(
                    "\(first.name) was run by Rehearsal \(a.rehearsalVersion), \(part.name) by \(b.rehearsalVersion)",
                    hint: "run every segment with the same version (the same image tag)")
            }
            if a.profile != b.profile || a.fingerprint != b.fingerprint || first.run.catalog != part.run.catalog {
                let what =
                    a.profile != b.profile
                    ? "runs of two profiles: \(first.name) ran \"\(a.profile)\", \(part.name) ran \"\(b.profile)\""
                    : "\(first.name) and \(part.name) ran different versions of profile \"\(a.profile)\" "
                        + "(fingerprints \(a.fingerprint ?? "none") and \(b.fingerprint ?? "none"))"
                throw MergeRefusal(
                    what, hint: "merge the segments of one run: same profile, flows, accounts and load options")
            }
        }
        if first.run.info.fingerprint == nil {
            throw MergeRefusal(
                "\(first.name) was saved without a profile fingerprint (Rehearsal before 0.2)",
                hint: "merge runs saved by a Rehearsal that records run.fingerprint")
        }
    }

    /// Every part a distinct segment of one split; returns the missing segments.
    private static func checkSegments(_ parts: [Part]) throws(MergeRefusal) -> [Int] {
        var seen: [Int: String] = [:]
        let count = parts[0].run.info.segment?.count ?? 1
        for part in parts {
            let segment = part.run.info.segment ?? SegmentInfo(index: 1, count: 1)
            guard segment.count == count else {
                throw MergeRefusal(
                    "\(parts[0].name) is a segment of \(count), \(part.name) is segment \(segment): their loads "
                        + "overlap", hint: "merge the segments of one split (all --segment I/\(count))")
            }
            if let other = seen[segment.index] {
                throw MergeRefusal(
                    count == 1
                        ? "\(other) and \(part.name) are both whole runs: merging them would count the load twice"
                        : "\(other) and \(part.name) are both segment \(segment): overlapping segments",
                    hint: count == 1
                        ? "compare two whole runs with rehearse compare; merge the segments of one split run"
                        : "each segment once; remove the duplicate folder")
            }
            seen[segment.index] = part.name
        }
        return (1...count).filter { seen[$0] == nil }
    }

    private static func mergedPart(_ part: Part) -> MergedPart {
        let info = part.run.info
        return MergedPart(
            name: part.name, segment: info.segment, startedAt: info.startedAt, durationSeconds: info.durationSeconds,
            requests: part.run.store.requests, stopReason: info.stopReason, seed: info.seed, start: info.start,
            generator: info.generator)
    }

    /// Up to `MetricsStore.maxEvidence`, taken from the parts in turn so that each is represented.
    private static func pooledEvidence(_ parts: [Part]) -> [FailureEvidence] {
        var pooled: [FailureEvidence] = []
        var round = 0
        while pooled.count < MetricsStore.maxEvidence, parts.contains(where: { $0.evidence.count > round }) {
            for part in parts where round < part.evidence.count && pooled.count < MetricsStore.maxEvidence {
                pooled.append(part.evidence[round])
            }
            round += 1
        }
        return pooled
    }
}

/// Why runs cannot be merged; the message names them, the hint says what to merge instead.
public struct MergeRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var hint: String

    public init(_ message: String, hint: String) {
        self.message = message
        self.hint = hint
    }

    public var description: String { "\(message)\n  hint: \(hint)" }
}
