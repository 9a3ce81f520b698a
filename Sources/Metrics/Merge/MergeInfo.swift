/// How `rehearse merge` made a run from several: which parts, which segments are missing, how the timeline was put
/// together; each part's own start and generator health are kept, since a verdict is only as good as its worst
/// generator.
public struct MergeInfo: Sendable, Equatable, Codable {
    /// The segment count of the split (1 when whole runs were merged).
    public var segmentCount: Int
    /// Segments of the split no part covers (1-based); empty when the merge is complete.
    public var missingSegments: [Int]
    /// `wall-clock`: points added up by wall-clock second; `elapsed`: by seconds since each part's start (a part
    /// saved before timelines had wall-clock times).
    public var timelineAlignment: String
    public var parts: [MergedPart]

    public init(segmentCount: Int, missingSegments: [Int], timelineAlignment: String, parts: [MergedPart]) {
        self.segmentCount = segmentCount
        self.missingSegments = missingSegments
        self.timelineAlignment = timelineAlignment
        self.parts = parts
    }
}

/// One of the runs a merged run was made from.
public struct MergedPart: Sendable, Equatable, Codable {
    /// Its folder as given to `rehearse merge` (its last path component).
    public var name: String
    public var segment: SegmentInfo?
    public var startedAt: String
    public var durationSeconds: Double
    public var requests: Int
    public var stopReason: String
    public var seed: UInt64?
    public var start: StartInfo?
    public var generator: GeneratorHealth?

    public init(
        name: String, segment: SegmentInfo?, startedAt: String, durationSeconds: Double, requests: Int,
        stopReason: String, seed: UInt64?, start: StartInfo?, generator: GeneratorHealth?
    ) {
        self.name = name
        self.segment = segment
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
        self.requests = requests
        self.stopReason = stopReason
        self.seed = seed
        self.start = start
        self.generator = generator
    }
}
