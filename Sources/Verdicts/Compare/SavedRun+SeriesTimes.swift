import Metrics

extension SavedRun {
    /// Each series' user-experienced times (steps) or wait times (groups), matched by name as `compare` matches them,
    /// so a page can draw the very distributions a comparison judged.
    public var seriesTimes: [SeriesName: LatencyHistogram] {
        Dictionary(MeasuredSeries.all(in: self).map { ($0.name, $0.time) }, uniquingKeysWith: { a, _ in a })
    }
}
