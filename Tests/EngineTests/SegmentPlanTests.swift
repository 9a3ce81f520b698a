import Foundation
import Scenario
import Testing

@testable import Engine

/// Splitting a plan into segments, without sockets: every VU, role, account, iteration and arrival of the whole run
/// falls to exactly one segment (and one worker), and the segments together are the whole run.
@Suite("Segments of a run plan")
struct SegmentPlanTests {
    /// Two scenarios (10 closed VUs of two roles, an open model of 7 VUs) and a CSV role of `accounts` rows.
    static func profile(accounts: Int = 6, iterations: Int = 101) throws -> Profile {
        let h = try EngineHarness()
        let csv = "email\n" + (1...accounts).map { "u\($0)@example.test" }.joined(separator: "\n") + "\n"
        try csv.write(to: h.folder.appendingPathComponent("users.csv"), atomically: true, encoding: .utf8)
        return try h.profile(
            """
            name: split
            target: { base_url: "http://127.0.0.1:9", max_rate: 300/s }
            roles:
              admin: { fields: { email: admin@example.test } }
              user: { csv: users.csv, weight: 3 }
            scenarios:
              closed:
                flow: flow.yaml
                load: { executor: shared-iterations, vus: 10, iterations: \(iterations) }
              open:
                flow: flow.yaml
                load: { executor: constant-arrival-rate, rate: 50/s, duration: 2s, max_vus: 7 }
            """, flow: "steps:\n  - { name: ok, get: /ok }\n")
    }

    static func plans(_ profile: Profile, count: Int, workers: Int = 2) throws -> [RunPlan] {
        try Segment(index: 1, count: count).sequence.map {
            RunPlan(profile: profile, workers: workers, environment: [:], seed: 1, segment: $0)
        }
    }

    @Test(arguments: [1, 3, 4])
    func everyVUIsRunByOneWorkerOfOneSegment(count: Int) throws {
        let whole = try RunPlan(profile: Self.profile(), workers: 1, environment: [:], seed: 1)
        let plans = try Self.plans(Self.profile(), count: count)
        var runs = Array(repeating: 0, count: whole.totalVUs)
        for plan in plans {
            for worker in 0..<plan.workers {
                for vu in plan.striping.vus(ofWorker: worker, total: plan.totalVUs) {
                    runs[vu] += 1
                    #expect(plan.striping.worker(of: vu) == worker)
                }
            }
            // Numbering and roles are the whole run's, whatever the segment.
            #expect(plan.roleOfVU == whole.roleOfVU && plan.scenarioOfVU == whole.scenarioOfVU)
        }
        #expect(runs.allSatisfy { $0 == 1 })
        #expect(plans.map(\.ownVUs).reduce(0, +) == whole.totalVUs)
    }

    @Test func tenClosedVUsOverThreeAreFourThreeThreeWithEachRoleKept() throws {
        let plans = try Self.plans(Self.profile(), count: 3)
        let closed = plans[0].scenarios[0]
        #expect(plans.map { $0.ownVUs(of: closed) } == [4, 3, 3])
        let whole = try RunPlan(profile: Self.profile(), workers: 1, environment: [:], seed: 1)
        for role in whole.profile.roles.indices {
            let total = whole.roleOfVU.filter { $0 == role }.count
            let dealt = plans.map { plan in
                plan.roleOfVU.indices.filter { plan.segment.owns($0) && plan.roleOfVU[$0] == role }.count
            }
            #expect(dealt.reduce(0, +) == total)
        }
    }

    @Test(arguments: [1, 2, 3, 4])
    func csvAccountsAreNeverSharedBetweenSegments(count: Int) throws {
        // 13 user VUs over 6 rows: reuse is needed, and stays within each segment.
        let plans = try Self.plans(Self.profile(accounts: 6), count: count)
        var owner: [Int: Int] = [:]
        let user = 1
        for (s, plan) in plans.enumerated() {
            #expect(plan.rolesSharingAccounts.isEmpty)
            for vu in plan.roleOfVU.indices where plan.segment.owns(vu) && plan.roleOfVU[vu] == user {
                let row = plan.accountOfVU[vu]
                #expect(owner[row] == nil || owner[row] == s, "row \(row) used by segments \(owner[row]!) and \(s)")
                owner[row] = s
            }
        }
        #expect(owner.count >= min(6, count), "accounts are spread over the segments")
    }

    @Test func unsplitAccountsAreDealtAsBefore() throws {
        let plan = try RunPlan(profile: Self.profile(accounts: 4), workers: 1, environment: [:], seed: 1)
        for vu in plan.roleOfVU.indices where plan.roleOfVU[vu] == 1 {
            #expect(plan.accountOfVU[vu] == plan.ordinalInRole[vu] % 4)
        }
    }

    @Test func withARowPerUserEachUserKeepsItsRowInAnySplit() throws {
        let whole = try RunPlan(profile: Self.profile(accounts: 20), workers: 1, environment: [:], seed: 1)
        for plan in try Self.plans(Self.profile(accounts: 20), count: 3) {
            for vu in plan.roleOfVU.indices where plan.segment.owns(vu) {
                #expect(plan.accountOfVU[vu] == whole.accountOfVU[vu])
            }
        }
    }

    @Test func tooFewAccountsForTheSegmentsIsReported() throws {
        let plans = try Self.plans(Self.profile(accounts: 1), count: 4)
        #expect(plans.filter { !$0.rolesSharingAccounts.isEmpty }.count == 3)
        #expect(
            plans.allSatisfy { !$0.rolesSharingAccounts.contains("admin") }, "inline fields are one login by design")
    }

    @Test(arguments: [1, 3, 4])
    func sharedIterationsAndTheRateCapAreDividedExactly(count: Int) throws {
        let plans = try Self.plans(Self.profile(iterations: 101), count: count)
        let closed = plans[0].scenarios[0]
        #expect(plans.map { $0.sharedIterations(of: closed) ?? -1 }.reduce(0, +) == 101)
        #expect(plans.map { $0.sharedIterations(of: $0.scenarios[1]) } == plans.map { _ in nil })
        let rates = plans.compactMap(\.maxRequestRate)
        #expect(abs(rates.reduce(0, +) - 300) < 1e-9)
    }

    @Test(arguments: [(1, 1), (3, 2), (4, 3), (2, 1)])
    func arrivalsAreStripedWithoutLossOrDuplicate(count: Int, workers: Int) throws {
        let plans = try Self.plans(Self.profile(), count: count, workers: workers)
        var seen: [Int] = []
        for plan in plans {
            let open = plan.scenarios[1]
            for worker in 0..<plan.workers {
                var pacer = ArrivalPacer(
                    scenario: open, curve: open.load.executor.rateCurve!,
                    window: ScenarioWindow(open, runStart: 0), striping: plan.striping, worker: worker)
                while let number = pacer.arrivalNumber {
                    seen.append(number)
                    pacer.advance()
                }
            }
        }
        // 50/s for 2 s: arrivals 1…100, each kept by exactly one worker of one process.
        #expect(seen.sorted() == Array(1...100))
    }

    @Test func theFingerprintIgnoresWhereFilesAreButNotWhatTheySay() throws {
        let a = try RunPlan(profile: Self.profile(), workers: 1, environment: [:], seed: 1)
        let b = try RunPlan(profile: Self.profile(), workers: 4, environment: [:], seed: 2, segment: .parse("2/3"))
        let c = try RunPlan(profile: Self.profile(iterations: 70), workers: 1, environment: [:], seed: 1)
        #expect(a.profile.source != b.profile.source, "two folders")
        #expect(a.fingerprint == b.fingerprint)
        #expect(a.fingerprint != c.fingerprint)
        #expect(a.fingerprint.count == 32)
    }

    @Test func aSegmentWithNoUsersPlansNothing() throws {
        let h = try EngineHarness()
        let profile = try h.profile(
            EngineHarness.profileYAML(base: "http://127.0.0.1:9", vus: 2, end: "iterations: 9"),
            flow: "steps:\n  - { name: ok, get: /ok }\n")
        let plans = try Self.plans(profile, count: 4)
        #expect(plans.map(\.ownVUs) == [1, 1, 0, 0])
        #expect(
            plans.map { $0.sharedIterations(of: $0.scenarios[0]) ?? -1 } == [5, 4, 0, 0], "the odd one to the first")
        #expect(plans.map(\.workers) == [1, 1, 1, 1])
    }
}
