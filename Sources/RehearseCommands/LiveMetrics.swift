import Engine
import Metrics
import MetricsEndpoint

/// `run --serve`: the run's live metrics (`RunMetrics`) on `/metrics` for as long as the run lasts.
final class LiveMetrics: Sendable {
    private let server: MetricsServer
    private let metrics: RunMetrics

    private init(server: MetricsServer, metrics: RunMetrics) {
        self.server = server
        self.metrics = metrics
    }

    static func start(host: String, port: Int, plan: RunPlan) throws -> LiveMetrics {
        let metrics = RunMetrics(
            catalog: plan.catalog, profile: plan.profile.name, segment: plan.segment.description,
            version: RehearsalVersion.current)
        let server = try MetricsServer.start(host: host, port: port) { metrics.exposition() }
        return LiveMetrics(server: server, metrics: metrics)
    }

    /// `host:port` as bound (the real port when asked for 0).
    var address: String { server.address }

    func update(_ progress: Progress) { metrics.setActiveVUs(progress.activeVUs) }

    func add(_ interval: MetricsStore) { metrics.add(interval) }

    func shutdown() { server.shutdown() }
}
