import Metrics
import RunFixtures
import Scenario
import Testing

@testable import Verdicts

/// Thresholds judged against hand-built saved runs (``ReportFixture``: 60 requests in 20 s, 2 failed, 1 timeout).
@Suite struct ThresholdEvaluationTests {
    static let run = SavedRun(info: ReportFixture.info(), catalog: ReportFixture.catalog, store: ReportFixture.store())

    func result(_ text: String, run: SavedRun = Self.run) throws -> ThresholdResult {
        ThresholdEvaluation.evaluate(try ThresholdParser.parse(text), run: run)
    }

    func observed(_ text: String, run: SavedRun = Self.run) throws -> Double? { try result(text, run: run).observed }

    @Test func aPercentileOverTwoRolesComesFromTheMergedHistogram() throws {
        // login: admin 8 × 12ms, 2 × 25ms; user 7 × 40ms, 2 × 2.5s, 1 × 4s. Merged, the 10th of 20 is 25ms.
        let admin = try #require(try observed("p50(step:login, role:admin) < 1s"))
        let user = try #require(try observed("p50(step:login, role:user) < 1s"))
        let merged = try #require(try observed("p50(step:login) < 1s"))
        #expect(abs(admin - 12) < 0.02 && abs(user - 40) < 0.05)
        #expect(abs(merged - 25) < 0.03)
        #expect(merged != admin && merged != user && merged != (admin + user) / 2)
        var both = Self.run.store.steps[0].total
        both.add(Self.run.store.steps[1].total)
        #expect(merged == Double(both.micros(atPercentile: 50)) / 1000)
    }

    @Test func aGroupFilterWithoutAStepJudgesTheGroupWaits() throws {
        let waits = try result("p95(group:home, role:user) < 800ms")
        #expect(waits.samples == 10 && !waits.passed)
        #expect(abs(try #require(waits.observed) - 3200) < 3)
        #expect(waits.detail.hasPrefix("p95 3.2s over 10 waits (group:home, role:user); limit < 800ms"))
        // With a step, the group's requests are judged instead: tasks as user is 9 × 1.9s, 1 × 3.1s.
        let requests = try result("max(group:home, step:tasks, role:user) < 5s")
        #expect(requests.samples == 10 && requests.passed && requests.observed == 3100)
        #expect(try observed("max(group:home, role:admin) < 5s") == 85)
    }

    @Test func noMatchingRequestsFails() throws {
        let calm = SavedRun(
            info: ReportFixture.info(stopReason: "completed"), catalog: ReportFixture.catalog,
            store: {
                var s = MetricsStore(catalog: ReportFixture.catalog)
                for sample in ReportFixture.ok(12_000, times: 5) { s.steps[0].record(sample) }
                return s
            }())
        for text in [
            "p95(step:login, role:user) < 1s", "timeouts(role:user) == 0", "error_rate(role:user) < 1%",
            "failed(step:me) == 0", "checks(role:user) == 0", "spinner_rate(role:user) < 10%",
            "p95(group:home) < 1s",
        ] {
            let r = try result(text, run: calm)
            #expect(r.observed == nil && !r.passed, "\(text)")
        }
        #expect(
            try result("timeouts(role:user) == 0", run: calm).detail
                == "no matching requests (role:user): nothing to judge, so it fails; limit == 0")
        #expect(try result("p95(group:home) < 1s", run: calm).detail.hasPrefix("no matching waits (group:home)"))
        // Requests and rate are counts of requests: none is a real 0.
        #expect(try result("requests(role:user) == 0", run: calm).passed)
        #expect(try observed("rate(role:user) > 1/s", run: calm) == 0)
        // A request inside a group is not a wait of its own.
        #expect(try observed("spinner_rate(step:me) == 0") == nil)
    }

    @Test func everyMetric() throws {
        #expect(try observed("requests > 0") == 60)
        #expect(try observed("requests(flow:dashboard) > 0") == 60)
        #expect(try observed("requests(group:home, role:admin) > 0") == 20)
        #expect(try observed("rate > 1/s") == 3)
        #expect(try observed("rate(role:admin) > 1/s") == 1.5)
        #expect(try observed("failed == 0") == 2)
        #expect(try observed("failed(group:home) == 0") == 1)
        #expect(try observed("error_rate < 1%") == 2.0 / 60)
        #expect(try observed("error_rate(role:admin) < 1%") == 0)
        #expect(try observed("timeouts == 0") == 1)
        #expect(try observed("timeout_rate(step:login) < 1%") == 1.0 / 20)
        #expect(try observed("checks == 0") == 0)
        // Waits: 20 group loads (4 over the spinner) and 20 lone logins (3 over).
        #expect(try observed("spinner_rate < 1%") == 7.0 / 40)
        #expect(try observed("spinner_rate(role:user) < 1%") == 7.0 / 20)
        #expect(try observed("spinner_rate(group:home) < 1%") == 4.0 / 20)
        #expect(try observed("spinner_rate(step:login, role:user) < 1%") == 3.0 / 10)
        #expect(try observed("max(role:user) < 1s") == 4000)
        // The mean of 10 × 5ms and 10 × 6ms, at the histogram's bucket precision (3 significant digits).
        #expect(abs(try #require(try observed("mean(step:me) < 1s")) - 5.5) < 0.01)
        let p = try #require(try observed("p90(step:tasks, role:admin) < 1s"))
        #expect(abs(p - 80) < 0.1)
        for metric in ["p50", "p90", "p95", "p99", "p99.9"] {
            let v = try #require(try observed("\(metric)(role:admin) < 1s"))
            #expect(v >= 5 && v <= 80.1, "\(metric) \(v)")
        }
        #expect(abs(try #require(try observed("p99.9 < 1s")) - 4000) < 4)
    }

    @Test func everyOperator() throws {
        // timeouts is 1.
        let cases: [(String, Bool)] = [
            ("timeouts < 2", true), ("timeouts < 1", false), ("timeouts <= 1", true), ("timeouts <= 0", false),
            ("timeouts > 0", true), ("timeouts > 1", false), ("timeouts >= 1", true), ("timeouts >= 2", false),
            ("timeouts == 1", true), ("timeouts == 0", false), ("timeouts != 0", true), ("timeouts != 1", false),
        ]
        for (text, passes) in cases { #expect(try result(text).passed == passes, "\(text)") }
    }

    @Test func detailsReadInTheMetricsUnit() throws {
        #expect(try result("error_rate < 1%").detail == "error_rate 3.33% over 60 requests (whole run); limit < 1%")
        #expect(
            try result("rate(role:admin) > 10/s").detail
                == "rate 1.5/s over 30 requests (role:admin); limit > 10/s")
        #expect(try result("timeouts == 0").detail == "timeouts 1 over 60 requests (whole run); limit == 0")
        #expect(
            try result("max(step:login, role:admin) < 2s").detail
                == "max 25ms over 10 requests (step:login, role:admin); limit < 2s")
        let results = ThresholdEvaluation.evaluate(
            [try ThresholdParser.parse("timeouts == 0"), try ThresholdParser.parse("checks == 0")], run: Self.run)
        #expect(results.map(\.passed) == [false, true] && !results.allPassed && results.failedCount == 1)
        #expect([ThresholdResult]().allPassed)
    }
}
