/// `histograms.json`: the run's raw measurements (every series' histograms), from which `summary.json` and every
/// report can be rebuilt without re-running the load.
public struct SavedRun: Sendable, Equatable, Codable {
    public static let schemaName = "rehearsal.histograms"
    public static let schemaVersion = 1

    public var schema = SavedRun.schemaName
    public var version = SavedRun.schemaVersion
    public var info: RunInfo
    public var catalog: SeriesCatalog
    public var store: MetricsStore

    public init(info: RunInfo, catalog: SeriesCatalog, store: MetricsStore) {
        self.info = info
        self.catalog = catalog
        self.store = store
    }

    public var summary: RunSummary { RunSummary(info: info, catalog: catalog, store: store) }
}
