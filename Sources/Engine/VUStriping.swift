import Scenario

/// Which process and which worker thread run each virtual user. VUs are numbered run-wide (scenario by scenario);
/// a segment keeps every `count`-th one (`Segment.owns`), and its workers take its own VUs in turn. An open model's
/// arrival `k` goes to the owner of VU `firstVU + k mod maxVUs`, so arrivals are striped exactly like the users:
/// the segments' schedules together are the single run's schedule, each arrival in exactly one process and thread.
public struct VUStriping: Sendable, Equatable {
    public let segment: Segment
    public let workers: Int

    public init(segment: Segment, workers: Int) {
        self.segment = segment
        self.workers = max(1, workers)
    }

    /// The worker of this process that runs VU `vu` (run-wide, 0-based); nil when another segment runs it.
    public func worker(of vu: Int) -> Int? {
        segment.owns(vu) ? segment.position(of: vu) % workers : nil
    }

    /// The VUs (run-wide indices, ascending) worker `worker` runs, of the run's `total`.
    public func vus(ofWorker worker: Int, total: Int) -> StrideTo<Int> {
        stride(from: segment.index - 1 + segment.count * worker, to: total, by: segment.count * workers)
    }
}
