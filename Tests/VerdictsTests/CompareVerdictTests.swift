import Foundation
import Metrics
import RunFixtures
import Testing

@testable import Verdicts

/// The verdicts of `RunComparison`: regressions, improvements, noise, too few samples, unmatched series.
@Suite struct CompareVerdictTests {
    @Test func aTenfoldSlowdownIsARegressionWhoseIntervalExcludesZero() throws {
        let base = CompareFixture.login(CompareFixture.ok(CompareFixture.spread(20, 200)))
        let slow = CompareFixture.login(CompareFixture.ok(CompareFixture.spread(200, 200)))
        let row = try #require(CompareFixture.compare(base, slow).series.first)
        #expect(row.latency.map(\.metric) == ["p50", "p95", "p99"])
        for change in row.latency {
            let interval = try #require(change.interval)
            #expect(change.verdict == .regression, "\(change)")
            #expect(interval.low > 0 && interval.low <= change.change && change.change <= interval.high)
            #expect(abs(change.change - 900) < 30, "\(change)")
            #expect(try #require(change.differenceIntervalMs).low > 0)
        }
    }

    @Test func identicalRunsShowNoSignificantChange() {
        let samples =
            CompareFixture.ok(CompareFixture.spread(50, 300))
            + CompareFixture.failed(6, micros: 4_000_000, as: .timeout)
        let run = CompareFixture.login(samples)
        let report = CompareFixture.compare(run, run)
        #expect(report.series.count == 1)
        for change in report.series[0].changes {
            #expect(change.verdict == .noSignificantChange, "\(change)")
            #expect(change.change == 0)
            #expect(change.interval.map { $0.low <= 0 && 0 <= $0.high } == true)
        }
        #expect(report.count(.regression) == 0 && report.count(.improvement) == 0)
    }

    @Test func anImprovementShowsANegativeChange() throws {
        let slow = CompareFixture.login(CompareFixture.ok(CompareFixture.spread(3_980, 100)))
        let fast = CompareFixture.login(CompareFixture.ok(CompareFixture.spread(151, 100)))
        let report = CompareFixture.compare(slow, fast)
        let p95 = try #require(report.series.first?.latency[1])
        #expect(p95.verdict == .improvement)
        let interval = try #require(p95.interval)
        #expect(p95.change < -90 && interval.high < -90)
    }

    @Test func fewerThanTwentySamplesOnASideIsTooFewSamples() {
        let few = CompareFixture.login(CompareFixture.ok(CompareFixture.spread(20, 19)))
        let many = CompareFixture.login(CompareFixture.ok(CompareFixture.spread(200, 500)))
        for report in [CompareFixture.compare(few, many), CompareFixture.compare(many, few)] {
            #expect(report.series[0].changes.allSatisfy { $0.verdict == .tooFewSamples && $0.interval == nil })
            #expect(report.series[0].latency[0].change != 0, "the point estimate is still shown")
        }
    }

    @Test func aSmallShiftNeedsTheMinimalEffect() throws {
        let base = CompareFixture.login(CompareFixture.ok(CompareFixture.spread(100, 10_000)))
        let shifted = CompareFixture.login(CompareFixture.ok(CompareFixture.spread(102, 10_000)))
        let p50 = { (r: ComparisonReport) in r.series[0].latency[0] }
        #expect(p50(CompareFixture.compare(base, shifted)).verdict == .noSignificantChange)
        let strict = p50(CompareFixture.compare(base, shifted, minEffect: 0))
        #expect(strict.verdict == .regression, "\(strict)")
        #expect(abs(strict.change - 2) < 0.5)
    }

    @Test func aRisingErrorRateIsARegressionInPoints() throws {
        let clean = CompareFixture.login(CompareFixture.ok(CompareFixture.spread(20, 200)))
        let failing = CompareFixture.login(
            CompareFixture.ok(CompareFixture.spread(20, 160)) + CompareFixture.failed(40, micros: 20_000, as: .http5xx))
        let row = try #require(CompareFixture.compare(clean, failing).series.first)
        #expect(row.errorRate.unit == .percent)
        #expect(row.errorRate.baseline == 0 && row.errorRate.candidate == 20 && row.errorRate.change == 20)
        #expect(row.errorRate.verdict == .regression)
        #expect(try #require(row.errorRate.interval).low > 10)
        #expect(row.timeoutRate?.verdict == .noSignificantChange)
    }

    @Test func seriesInOneRunOnlyAreListed() {
        let base = CompareFixture.run([
            .init(step: "login", role: "user", samples: CompareFixture.ok(CompareFixture.spread(20, 50))),
            .init(step: "export", role: "user", samples: CompareFixture.ok(CompareFixture.spread(20, 50))),
            .init(step: "never ran", role: "user", samples: []),
        ])
        let cand = CompareFixture.run([
            .init(step: "login", role: "user", samples: CompareFixture.ok(CompareFixture.spread(20, 50))),
            .init(step: "login", role: "admin", samples: CompareFixture.ok(CompareFixture.spread(20, 50))),
        ])
        let report = CompareFixture.compare(base, cand)
        #expect(report.series.map { $0.name.label() } == ["login [user]"])
        #expect(report.onlyInBaseline.map { $0.label() } == ["export [user]"])
        #expect(report.onlyInCandidate.map { $0.label() } == ["login [admin]"])
    }

    @Test func stepsAreMatchedByFlowStepAndRoleAndGroupsByFlowGroupAndRole() {
        let waits = [CompareFixture.Wait(group: "home", role: "user", micros: CompareFixture.spread(100, 50))]
        let a = CompareFixture.run(
            [.init(step: "me", group: "home", role: "user", samples: CompareFixture.ok(CompareFixture.spread(9, 50)))],
            waits: waits)
        var other = waits
        other.append(.init(flow: "admin-tools", group: "home", role: "user", micros: CompareFixture.spread(9, 50)))
        let b = CompareFixture.run(
            [.init(step: "me", group: "home", role: "user", samples: CompareFixture.ok(CompareFixture.spread(9, 50)))],
            waits: other)
        let report = CompareFixture.compare(a, b)
        #expect(report.series.map { $0.name.label() } == ["home › me [user]", "home (wait) [user]"])
        #expect(report.series[1].timeoutRate == nil)
        #expect(report.onlyInCandidate.map { $0.label(showFlow: true) } == ["admin-tools: home (wait) [user]"])
        #expect(report.showsFlows)
    }
}
