import Metrics
import MetricsEndpoint
import Testing

/// `run --serve`: each interval's measurements added to Prometheus counters and histograms.
@Suite("Live run metrics")
struct RunMetricsTests {
    static let catalog = SeriesCatalog(
        steps: [
            .init(flow: "shop", step: "login", group: nil, role: "admin", method: "POST"),
            .init(flow: "shop", step: "login", group: nil, role: "user", method: "POST"),
        ], groups: [])

    @Test func intervalsAddUpInCountersAndBuckets() {
        let metrics = RunMetrics(catalog: Self.catalog, profile: "shop", segment: "2/4", version: "0.0.0-test")
        for _ in 0..<2 {
            var interval = MetricsStore(catalog: Self.catalog)
            interval.steps[1].record(RequestSample(totalMicros: 3_000))
            interval.steps[1].record(RequestSample(totalMicros: 700_000, error: .timeout))
            interval.scenarios[0].started = 2
            metrics.add(interval)
        }
        metrics.setActiveVUs(3)
        let text = metrics.exposition()
        let user = #"flow="shop",step="login",role="user""#
        #expect(text.contains(#"rehearsal_run_requests_total{scenario="default",\#(user)} 4"#), "\(text)")
        #expect(text.contains(#"rehearsal_run_request_errors_total{scenario="default",\#(user),error="timeout"} 2"#))
        #expect(
            text.contains(#"rehearsal_run_request_duration_seconds_bucket{scenario="default",\#(user),le="0.005"} 2"#))
        #expect(
            text.contains(#"rehearsal_run_request_duration_seconds_bucket{scenario="default",\#(user),le="0.5"} 2"#))
        #expect(
            text.contains(#"rehearsal_run_request_duration_seconds_bucket{scenario="default",\#(user),le="1.0"} 4"#))
        #expect(text.contains(#"rehearsal_run_request_duration_seconds_count{scenario="default",\#(user)} 4"#))
        #expect(text.contains(#"rehearsal_run_iterations_started_total{scenario="default"} 4"#))
        #expect(text.contains(#"rehearsal_run_info{profile="shop",segment="2/4",version="0.0.0-test"} 1"#))
        #expect(text.contains("rehearsal_run_active_vus 3"))
        #expect(!text.contains(#"role="admin""#), "a series with no request yet has no samples")
    }
}
