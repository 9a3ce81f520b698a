import Metrics
import RunFixtures
import Scenario
import Testing

@testable import Verdicts

/// A probe judged from its run's summary (``ReportFixture``: flow `dashboard`, roles admin and user; the user's
/// `tasks` had an HTTP 500 and `login` a timeout; group `home` as user up to 3.2 s).
@Suite struct ProbeEvaluationTests {
    static let summary = ReportFixture.summary(stopReason: "completed")

    @Test func aFailedRequestFailsTheFlowAsThatRoleOnly() {
        let result = ProbeEvaluation.evaluate(Self.summary, flows: ["dashboard"], settings: nil, startedAt: 1_000)
        #expect(result.profile == "golden" && result.startedAt == 1_000 && result.durationSeconds == 20)
        #expect(result.flows.map { "\($0.role)/\($0.verdict.rawValue)" } == ["admin/healthy", "user/failed"])
        #expect(result.verdict == .failed, "the worst of all flows × roles")
        let user = result.flows[1]
        #expect(user.failedRequests == 2 && user.checkFailures == 0)
        #expect(user.reasons == ["login: timeout: no response within 4s", "tasks: HTTP 500"])
    }

    @Test func latencyLimitsDegradeOrFail() throws {
        let settings = ProbeSettings(
            limits: ["home": LatencyLimit(degraded: .milliseconds(50), failed: .seconds(5))],
            defaultLimit: LatencyLimit(degraded: .seconds(10)))
        let admin = ProbeEvaluation.evaluate(Self.summary, flows: ["dashboard"], settings: settings, startedAt: 0)
            .flows[0]
        #expect(admin.verdict == .degraded)
        #expect(admin.reasons == ["home: 85ms > 50ms (degraded)"])
        let strict = ProbeSettings(limits: ["home": LatencyLimit(failed: .milliseconds(80))])
        let failed = ProbeEvaluation.evaluate(Self.summary, flows: ["dashboard"], settings: strict, startedAt: 0)
        #expect(failed.flows[0].verdict == .failed && failed.flows[0].reasons == ["home: 85ms > 80ms (failed)"])
    }

    @Test func aFlowNotReachedFails() {
        let result = ProbeEvaluation.evaluate(
            Self.summary, flows: ["dashboard", "reports"], settings: nil, startedAt: 0)
        let reports = result.flows.filter { $0.flow == "reports" }
        #expect(reports.count == 2 && reports.allSatisfy { $0.verdict == .failed })
        #expect(reports[0].reasons == ["not reached: an earlier flow failed or the probe was cut short"])
    }

    @Test func timingsAreTheSlowestIterationInSeconds() throws {
        let admin = ProbeEvaluation.evaluate(Self.summary, flows: ["dashboard"], settings: nil, startedAt: 0).flows[0]
        // The slowest login (25 ms) plus the slowest home load (85 ms): the waits the user sat through.
        #expect(admin.durationSeconds == 0.11)
        #expect(admin.groups == [.init(group: "home", seconds: 0.085)])
        let login = try #require(admin.steps.first { $0.step == "login" })
        #expect(login.seconds["total"] == 0.025 && login.seconds["ttfb"] == 0.0125)
        #expect(login.seconds["connect"] == nil, "no fresh connection was recorded")
    }
}

/// `abort_when`, judged once a second on that second's requests.
@Suite struct AbortWatchTests {
    /// One interval of `ReportFixture`'s catalog with `failed` of `requests` login requests failed.
    static func second(requests: Int, failed: Int) -> MetricsStore {
        var store = MetricsStore(catalog: ReportFixture.catalog)
        for i in 0..<requests {
            store.steps[0].record(
                RequestSample(totalMicros: 10_000, error: i < failed ? .http5xx : nil, message: "HTTP 500"))
        }
        return store
    }

    @Test func aConditionThatHoldsLongEnoughStopsTheRun() throws {
        var watch = AbortWatch(
            conditions: [try AbortCondition.parse("error_rate > 20% for 2s")], catalog: ReportFixture.catalog)
        #expect(watch.check(Self.second(requests: 10, failed: 5), elapsed: 1) == nil)
        // The second that ended at 1 s began to hold at 0 s: 2 s of it now.
        #expect(
            watch.check(Self.second(requests: 10, failed: 10), elapsed: 2)
                == "error_rate > 20% for 2s: error_rate 100% since 0s")
    }

    @Test func aSecondThatDoesNotHoldStartsTheCountAgain() throws {
        var watch = AbortWatch(
            conditions: [try AbortCondition.parse("error_rate > 20% for 2s")], catalog: ReportFixture.catalog)
        #expect(watch.check(Self.second(requests: 10, failed: 5), elapsed: 1) == nil)
        #expect(watch.check(Self.second(requests: 10, failed: 0), elapsed: 2) == nil)
        #expect(watch.check(Self.second(requests: 0, failed: 0), elapsed: 3) == nil, "no request is no evidence")
        #expect(watch.check(Self.second(requests: 10, failed: 5), elapsed: 4) == nil)
        #expect(
            watch.check(Self.second(requests: 10, failed: 5), elapsed: 5)
                == "error_rate > 20% for 2s: error_rate 50% since 3s")
    }

    @Test func withoutForTheFirstHoldingSecondStops() throws {
        var watch = AbortWatch(conditions: [try AbortCondition.parse("failed > 3")], catalog: ReportFixture.catalog)
        #expect(watch.check(Self.second(requests: 10, failed: 4), elapsed: 1) == "failed > 3: failed 4")
    }
}
