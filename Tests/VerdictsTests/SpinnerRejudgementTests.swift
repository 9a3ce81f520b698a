import Foundation
import Metrics
import Testing

@testable import Verdicts

/// Re-judging "over the spinner limit" from a saved run for another limit. The fixture is a real `rehearse demo`
/// run (8 s, spinner 2 s), saved by `rehearse run` as it saves every run: 18 dashboard loads as user between 1.02 s
/// and 4.0006 s (two timeouts at the 4 s request timeout), 12 of them over 2 s; admin's all under 12 ms.
@Suite struct SpinnerRejudgementTests {
    static func fixture() throws -> SavedRun {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/demo-run/histograms.json")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(SavedRun.self, from: Data(contentsOf: url))
    }

    /// The group of `role`'s dashboard loads.
    static func group(_ run: SavedRun, _ role: String) throws -> GroupSeries {
        let index = try #require(run.catalog.groups.firstIndex { $0.role == role })
        return run.store.groups[index]
    }

    @Test func theSavedRunRecordsItsSpinnerLimit() throws {
        let run = try Self.fixture()
        #expect(run.info.spinnerMs == 2_000)
        #expect(try Self.group(run, "user").overSpinner == 12)
        #expect(try Self.group(run, "user").count == 18)
    }

    @Test func atTheRunsOwnLimitTheExactCountsAreKept() throws {
        let run = try Self.fixture()
        #expect(SpinnerRejudgement.rejudge(run, spinnerMs: 2_000) == run)
        // Re-derived from the histogram, the same limit gives the same count here: no load sat within 0.1% of 2 s.
        #expect(try Self.group(run, "user").time.count(overMicros: 2_000_000) == 12)
    }

    /// `--spinner` sets one limit for every wait: a group's own limit (here 1 s) is re-judged at it too.
    @Test func anExplicitLimitReplacesTheWaitsOwn() throws {
        var run = try Self.fixture()
        let index = try #require(run.catalog.groups.firstIndex { $0.role == "user" })
        run.catalog.groups[index].spinnerMs = 1_000
        let judged = SpinnerRejudgement.rejudge(run, spinnerMs: 2_000)
        #expect(judged.catalog.groups[index].spinnerMs == nil)
        #expect(judged.store.groups[index].overSpinner == 12, "the 18 loads judged at 2 s")
    }

    @Test func aLongerLimitCountsFewerWaitsAndSaysWhichLimit() throws {
        let run = try Self.fixture()
        let rejudged = SpinnerRejudgement.rejudge(run, spinnerMs: 3_000)
        #expect(rejudged.info.spinnerMs == 3_000)
        // Over 3 s: 3.37, 3.38, 3.44, 3.74, 3.91, 3.98 s and the two timeouts.
        #expect(try Self.group(rejudged, "user").overSpinner == 8)
        #expect(try Self.group(rejudged, "admin").overSpinner == 0)
        let user = try #require(rejudged.summary.groups.first { $0.role == "user" })
        #expect(user.overSpinner == 8 && user.count == 18)
        // Everything else is the run as measured.
        #expect(rejudged.summary.totals == run.summary.totals)
        #expect(rejudged.catalog == run.catalog)
    }

    @Test func aShorterLimitCountsMoreWaitsLoneRequestsIncluded() throws {
        let run = try Self.fixture()
        let rejudged = SpinnerRejudgement.rejudge(run, spinnerMs: 1)
        #expect(try Self.group(rejudged, "user").overSpinner == 18)
        #expect(try Self.group(rejudged, "admin").overSpinner == 70, "every admin load took over 1 ms")
        for (key, (before, after)) in zip(run.catalog.steps, zip(run.store.steps, rejudged.store.steps)) {
            if key.group != nil {
                #expect(after.overSpinner == 0, "a request inside a group is not a wait of its own: \(key)")
            } else {
                let exact = after.total.count - before.total.count(atOrUnderMicros: 1_000)
                #expect(after.overSpinner == exact, "\(key)")
            }
        }
        let logins = rejudged.store.steps.indices.filter { rejudged.catalog.steps[$0].group == nil }
        #expect(logins.contains { rejudged.store.steps[$0].overSpinner > 0 })
    }

    @Test func beyondTheSlowestWaitNothingIsOverAndCountsNeverGrowWithTheLimit() throws {
        let run = try Self.fixture()
        #expect(try Self.group(SpinnerRejudgement.rejudge(run, spinnerMs: 5_000), "user").overSpinner == 0)
        var previous = Int.max
        for ms in stride(from: 500, through: 4_500, by: 250) {
            let over = try Self.group(SpinnerRejudgement.rejudge(run, spinnerMs: ms), "user").overSpinner
            #expect(over <= previous, "\(ms) ms")
            previous = over
        }
    }

    /// At 4 s the two timeouts (4.0006 s) share the limit's histogram bucket: only the recorded maximum is known to
    /// be over, so the count is precision-bounded — 1 here where the engine would have counted 2.
    @Test func withinTheLimitsBucketOnlyTheExactMaximumCounts() throws {
        let user = try Self.group(try Self.fixture(), "user")
        #expect(user.time.maxMicros > 4_000_000 && user.time.maxMicros < 4_004_000)
        #expect(user.time.count(overMicros: 4_000_000) == 1)
        #expect(user.time.count(overMicros: user.time.maxMicros) == 0)
        #expect(user.time.count(overMicros: user.time.minMicros - 1) == 18)
    }

    @Test func anEmptyHistogramHasNothingOver() {
        #expect(LatencyHistogram().count(overMicros: 0) == 0)
    }
}

extension LatencyHistogram {
    /// Values at or under `micros`, counted by iterating the histogram's own buckets (a second way to the count).
    fileprivate func count(atOrUnderMicros micros: Int) -> Int {
        var n = 0
        for item in histogram.recordedValues() where Int(item.value) <= micros { n += Int(item.count) }
        return n
    }
}
