import Foundation
import Metrics
import TestSupport
import Testing
import Verdicts

@testable import MetricsEndpoint

/// `--serve` answers OpenMetrics when the scraper asks for it (Prometheus does, first), with the last probe's
/// slowest request as an exemplar; the Prometheus text format otherwise (issue 13 §5).
@Suite("OpenMetrics")
struct OpenMetricsTests {
    static let prometheusAccept =
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
        + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1"

    @Test func theAcceptHeaderChoosesTheFormat() {
        #expect(MetricsFormat.negotiate(accept: Self.prometheusAccept) == .openMetrics)
        #expect(MetricsFormat.negotiate(accept: nil) == .prometheus)
        #expect(MetricsFormat.negotiate(accept: "*/*") == .prometheus)
        #expect(MetricsFormat.negotiate(accept: "text/plain;version=0.0.4") == .prometheus)
        #expect(MetricsFormat.negotiate(accept: "application/openmetrics-text;q=0.2,text/plain;q=0.9") == .prometheus)
        #expect(MetricsFormat.negotiate(accept: "application/openmetrics-text; version=1.0.0") == .openMetrics)
    }

    static func probed() -> (ProbeMetrics, TraceRef) {
        let metrics = ProbeMetrics()
        var result = ProbeMetricsTests.result(verdict: .failed, userVerdict: .failed)
        let trace = TraceRef(
            traceHigh: 0x0af7_6519_16cd_43dd, traceLow: 0x8448_eb21_1c80_319c, span: 0xb7ad_6b71_6920_3331)
        result.slowestTrace = trace
        metrics.update(with: result)
        return (metrics, trace)
    }

    @Test func theExpositionParsesAsOpenMetricsWithTheSlowestTrace() throws {
        let (metrics, trace) = Self.probed()
        let text = metrics.exposition(.openMetrics)
        #expect(text.hasSuffix("# EOF\n"))
        let families = try PrometheusTextParser.parseOpenMetrics(text)
        let runs = try #require(families.first { $0.name == "rehearsal_probe_runs" })
        #expect(runs.type == "counter")
        let failed = try #require(
            runs.samples.first { $0.name == "rehearsal_probe_runs_total" && $0.labels["verdict"] == "failed" })
        #expect(failed.exemplar == ["trace_id": trace.traceID, "span_id": trace.spanID])
        #expect(runs.samples.filter { $0.exemplar != nil }.count == 1, "only the counter the probe increased")
        // The same families and values as the text format.
        let plain = try PrometheusTextParser.parse(metrics.exposition(.prometheus))
        #expect(Set(families.map(\.name)) == Set(plain.map(\.name)))
    }

    @Test func theServerNegotiates() throws {
        let (metrics, trace) = Self.probed()
        let server = try MetricsServer.start(host: "127.0.0.1", port: 0, formats: { metrics.exposition($0) })
        defer { server.shutdown() }
        let open = try HTTPTestClient.request(
            port: server.port, .GET, "/metrics", headers: [("Accept", Self.prometheusAccept)])
        #expect(open.header("content-type") == "application/openmetrics-text; version=1.0.0; charset=utf-8")
        #expect(open.header("vary") == "Accept")
        #expect(open.text.contains(trace.traceID) && open.text.hasSuffix("# EOF\n"))
        let plain = try HTTPTestClient.request(port: server.port, .GET, "/metrics")
        #expect(plain.header("content-type") == "text/plain; version=0.0.4; charset=utf-8")
        #expect(!plain.text.contains("# EOF") && !plain.text.contains(trace.traceID))
        // A server that serves only the text format answers it whatever is asked.
        let textOnly = try MetricsServer.start(host: "127.0.0.1", port: 0) { metrics.exposition() }
        defer { textOnly.shutdown() }
        let asked = try HTTPTestClient.request(
            port: textOnly.port, .GET, "/metrics", headers: [("Accept", Self.prometheusAccept)])
        #expect(asked.header("content-type") == "text/plain; version=0.0.4; charset=utf-8")
    }
}
