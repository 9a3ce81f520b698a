import Metrics
import RunFixtures
import Testing

@testable import Verdicts

/// The role diff on known distributions: the right step, an interval that covers the true ratio, the right cause.
@Suite("Role diff")
struct RoleDiffTests {
    /// admin and user on group `home` (`me`, `tasks`): `me` is the same for both; `tasks` takes admin uniformly
    /// 10–20 ms and user 40–80 ms, of which `db` (Server-Timing) is 30–60 ms — true p95 ratio 4.0.
    static func run(userDB: Bool = true, samples: Int = 400) -> SavedRun {
        var s = MetricsStore(catalog: ReportFixture.catalog)
        var random = SplitMix64(seed: 11)
        func uniform(_ lo: Int, _ hi: Int) -> Int { lo + Int(random.next() % UInt64(hi - lo + 1)) }
        for _ in 0..<samples {
            let me = uniform(4_000, 6_000)
            let admin = uniform(10_000, 20_000)
            let user = uniform(40_000, 80_000)
            s.steps[2].record(RequestSample(totalMicros: me))
            s.steps[3].record(RequestSample(totalMicros: me))
            s.steps[4].record(RequestSample(totalMicros: admin))
            s.steps[5].record(RequestSample(totalMicros: user))
            s.steps[4].serverTiming.record([.init(name: "db", milliseconds: Double(admin) / 1000 * 0.75)])
            if userDB { s.steps[5].serverTiming.record([.init(name: "db", milliseconds: Double(user) / 1000 * 0.75)]) }
            s.groups[0].record(micros: max(me, admin), overSpinner: false, failed: false)
            s.groups[1].record(micros: max(me, user), overSpinner: false, failed: false)
        }
        return SavedRun(info: ReportFixture.info(), catalog: ReportFixture.catalog, store: s)
    }

    @Test func findsTheStepItsIntervalCoversTheTrueRatioAndTheServerTime() throws {
        let diff = try #require(RoleDiff.judge(Self.run()))
        let group = try #require(diff.findings.first)
        #expect(group.kind == .group && group.name == "home" && group.role == "user" && group.base == "admin")
        #expect(group.verdict == .slower)
        let p95 = try #require(group.percentile("p95"))
        let (low, high) = (try #require(p95.low), try #require(p95.high))
        #expect(low <= 4.0 && 4.0 <= high, "the interval \(low)–\(high) covers the true ratio 4")
        #expect(high / low < 1.3, "400 samples a side give a tight interval: \(low)–\(high)")
        let why = try #require(group.explainedBy)
        #expect(why.step == "home › tasks")
        #expect(why.cause == .serverTime)
        #expect((why.contributors["db"] ?? 0) > 25, "\(why.contributors)")
        let me = try #require(diff.findings.first { $0.name == "home › me" })
        #expect(me.verdict == .same, "the same distribution for both roles")
    }

    @Test func withoutServerTimingTheCauseIsNotGuessed() throws {
        let diff = try #require(RoleDiff.judge(Self.run(userDB: false)))
        let why = try #require(diff.findings.first?.explainedBy)
        #expect(why.cause == .networkOrOther)
    }

    @Test func aNamedBaseAndTooFewSamples() throws {
        let diff = try #require(RoleDiff.judge(Self.run(samples: 10), base: "user"))
        #expect(diff.base == "user")
        #expect(diff.findings.allSatisfy { $0.base == "user" && $0.role == "admin" })
        #expect(diff.findings.allSatisfy { $0.verdict == .tooFewSamples }, "under 20 samples nothing is said")
    }

    @Test func queueLikeMetricsAreQueueing() {
        #expect(ExtraTimeAttribution.cause(["pool": 900, "db": 100], extra: 1_000) == .queueing)
        #expect(ExtraTimeAttribution.cause(["db": 900, "pool": 100], extra: 1_000) == .serverTime)
        #expect(ExtraTimeAttribution.cause(["transfer": 500], extra: 1_000) == .transfer)
        #expect(ExtraTimeAttribution.cause(["db": 5], extra: 1_000) == .networkOrOther)
    }
}
