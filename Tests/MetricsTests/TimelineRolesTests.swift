import Foundation
import Metrics
import Testing

/// The timeline's per-role points (`TimelinePoint.roles`): added up second by second when segments are merged, and
/// absent without harm from runs saved before they were kept.
@Suite("Per-role timelines")
struct TimelineRolesTests {
    static func part(_ index: Int, roles: [RoleTimelinePoint]?, stopAt: Double? = nil, machine: String? = nil)
        -> RunMerge.Part
    {
        var part = RunMergeTests.part(index, of: 2, samples: [1_000, 1_000])
        for i in part.run.info.timeline.indices { part.run.info.timeline[i].roles = roles }
        part.run.info.stopAtSeconds = stopAt
        part.run.info.machine = machine
        return part
    }

    static func point(_ role: String, vus: Int, requests: Int, p95: Double) -> RoleTimelinePoint {
        RoleTimelinePoint(
            role: role, activeVus: vus, requests: requests, failed: 1, timeouts: 0, p50: p95 / 2, p95: p95, p99: p95 * 2
        )
    }

    @Test func rolesAreAddedByNameAndTheirPercentilesTakeTheHighest() throws {
        let merged = try RunMerge.merge([
            Self.part(
                1,
                roles: [
                    Self.point("admin", vus: 1, requests: 3, p95: 10), Self.point("user", vus: 2, requests: 4, p95: 50),
                ]),
            Self.part(2, roles: [Self.point("user", vus: 1, requests: 6, p95: 70)]),
        ])
        let roles = try #require(merged.run.info.timeline.first?.roles)
        #expect(roles.map(\.role) == ["admin", "user"])
        #expect(
            roles.map(\.activeVus) == [1, 3] && roles.map(\.requests) == [3, 10] && roles.map(\.failed) == [1, 2])
        #expect(roles.map(\.p95) == [10, 70] && roles.map(\.p99) == [20, 140])
    }

    @Test func aPartWithoutPerRolePointsLeavesTheMergeWithout() throws {
        let merged = try RunMerge.merge([
            Self.part(1, roles: [Self.point("user", vus: 1, requests: 1, p95: 1)]), Self.part(2, roles: nil),
        ])
        #expect(merged.run.info.timeline.allSatisfy { $0.roles == nil })
    }

    @Test func theStopMomentAndTheMachinesCarryOverToTheMergedRun() throws {
        let merged = try RunMerge.merge([
            Self.part(1, roles: nil, stopAt: 1.5, machine: "a · Linux"), Self.part(2, roles: nil, machine: "b · Linux"),
        ])
        #expect(merged.run.info.stopAtSeconds == 1.5)
        #expect(merged.run.info.machine == "a · Linux; b · Linux")
    }

    @Test func aRunSavedBeforeTheNewFieldsReadsWithoutThem() throws {
        let json = #"{"elapsed":1,"active_vus":2,"requests":3,"failed":0,"timeouts":0,"p95":4}"#
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let point = try decoder.decode(TimelinePoint.self, from: Data(json.utf8))
        #expect(point.roles == nil && point.requests == 3)
    }
}
