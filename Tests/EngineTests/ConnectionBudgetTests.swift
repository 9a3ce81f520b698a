import Engine
import Foundation
import Scenario
import TestSupport
import Testing

/// The pre-run check of open files and ephemeral ports: refused plans name the limit and the fixes; nothing is sent.
@Suite("Connection budget")
struct ConnectionBudgetTests {
    private func plan(
        vus: Int, base: String = "http://127.0.0.1:9/", flow: String? = nil, target: String = "", roles: String = ""
    ) throws -> RunPlan {
        let h = try EngineHarness()
        let profile = try h.profile(
            """
            name: budget
            target:
              base_url: \(base)
            \(target)
            flows: [flow.yaml]
            \(roles)
            load:
              vus: \(vus)
              duration: 10s
            """, flow: flow ?? "steps:\n  - name: a\n    get: /\n")
        return RunPlan(profile: profile, workers: 2, environment: [:])
    }

    @Test func fiftyThousandUsersAreRefusedUnderTwentyThousandFiles() throws {
        let budget = ConnectionBudget(plan: try plan(vus: 50_000), fileLimit: (20_000, 20_000))
        #expect(budget.filesNeeded > 50_000)
        let refusal = try #require(budget.refusal)
        #expect(refusal.contains("50000 virtual users"))
        #expect(refusal.contains("may open 20000"))
        #expect(refusal.contains("--segment 1/3"), "three processes of under 20,000 files each: \(refusal)")
        #expect(refusal.contains("rehearse merge"))
        #expect(refusal.contains("as root"), "the soft limit is already the hard one")
    }

    /// The split the refusal recommends is accepted: each segment counts only its own users.
    @Test func theRecommendedSegmentsEachFit() throws {
        let whole = try plan(vus: 50_000)
        let refusal = try #require(ConnectionBudget(plan: whole, fileLimit: (20_000, 20_000)).refusal)
        #expect(refusal.contains("--segment 1/3"))
        for index in 1...3 {
            let part = RunPlan(
                profile: whole.profile, workers: 2, environment: [:], segment: try Segment(index: index, count: 3))
            let budget = ConnectionBudget(plan: part, fileLimit: (20_000, 20_000))
            #expect((16_666...16_667).contains(budget.vus))
            #expect(budget.refusal == nil, "segment \(index)/3: \(budget.refusal ?? "")")
        }
    }

    @Test func aSoftLimitUnderTheHardOneSaysUlimit() throws {
        let refusal = try #require(ConnectionBudget(plan: try plan(vus: 5_000), fileLimit: (1_024, 65_536)).refusal)
        #expect(refusal.contains("ulimit -n 65536"), "\(refusal)")
    }

    @Test func eighteenThousandUsersFit() throws {
        #expect(ConnectionBudget(plan: try plan(vus: 18_000), fileLimit: (20_000, 20_000)).refusal == nil)
    }

    @Test func aParallelGroupNeedsAConnectionPerRequestUpToTheBrowserLimit() throws {
        let flow = """
            steps:
              - group: page
                requests:
            \((1...8).map { "      - { name: r\($0), get: /\($0) }" }.joined(separator: "\n"))
            """
        let budget = ConnectionBudget(plan: try plan(vus: 1_000, flow: flow), fileLimit: (20_000, 20_000))
        #expect(budget.connectionsPerUser == 6)
        #expect(budget.refusal == nil)
        #expect(ConnectionBudget(plan: try plan(vus: 4_000, flow: flow), fileLimit: (20_000, 20_000)).refusal != nil)
    }

    @Test func aLocalTargetSpreadsUsersOverLoopbackAddressesSoPortsNeverRunOut() throws {
        let local = try plan(vus: 18_000)
        #expect(local.spreadsSourceAddresses)
        #expect(
            ConnectionBudget(plan: local, fileLimit: (20_000, 20_000), ephemeralPorts: 40_000...40_999).refusal == nil)
    }

    @Test func aRemoteTargetRunsOutOfEphemeralPortsFromOneAddress() throws {
        let remote = try plan(vus: 18_000, base: "http://staging.example.test/")
        #expect(!remote.spreadsSourceAddresses)
        let refusal = try #require(
            ConnectionBudget(plan: remote, fileLimit: (20_000, 20_000), ephemeralPorts: 40_000...49_999).refusal)
        #expect(refusal.contains("10000 ephemeral ports"), "\(refusal)")
        #expect(refusal.contains("staging.example.test:80"))
        #expect(refusal.contains("ip_local_port_range"))
    }

    /// A templated URL or a redirect can reach any allow-listed host: a user bound to a loopback source address
    /// cannot connect to one that is not loopback (the kernel refuses it, EINVAL), so every such request failed.
    @Test func anAllowListedHostElsewhereKeepsUsersOnTheMachinesOwnAddress() throws {
        let elsewhere = try plan(vus: 10, target: "  allow_hosts: [127.0.0.1, staging.example.test]")
        let spreadsElsewhere = elsewhere.spreadsSourceAddresses
        #expect(!spreadsElsewhere)
        let loopback = try plan(vus: 10, target: "  allow_hosts: [127.0.0.1, 127.0.0.2, localhost, \"::1\"]")
        let spreadsOnLoopback = loopback.spreadsSourceAddresses
        #expect(spreadsOnLoopback)
    }

    /// Only the users of an emulated role pay three files per connection (libcurl's socket and the proxy's two).
    @Test func onlyEmulatedRolesPayTheProxysFiles() throws {
        let roles = """
            roles:
              office: { fields: { email: a@example.test } }
              mobile: { fields: { email: b@example.test }, network: { rtt: 100ms } }
            """
        let budget = ConnectionBudget(plan: try plan(vus: 8_000, roles: roles), fileLimit: (20_000, 20_000))
        // 4,000 direct users, 4,000 through the proxy: 4,000 + 12,000 files and the engine's.
        #expect(budget.filesNeeded == 16_000 + budget.reservedFiles)
        #expect(budget.refusal == nil)
        let refusal = try #require(
            ConnectionBudget(plan: try plan(vus: 12_000, roles: roles), fileLimit: (20_000, 20_000)).refusal)
        #expect(refusal.contains("6000 of them through the network emulation"), "\(refusal)")
    }
}

extension ConnectionBudgetTests {
    /// Users spread over loopback source addresses still reach every allowed loopback host: an IPv6 socket is not
    /// bound to the IPv4 source address (the open-socket callback binds IPv4 sockets only).
    @Test func aSpreadUserReachesAnAllowedIPv6LoopbackHost() throws {
        let v4 = try TestServer.start()
        defer { v4.shutdown() }
        let v6 = try TestServer.start(host: "::1")
        defer { v6.shutdown() }
        let h = try EngineHarness()
        let profile = try h.profile(
            """
            name: spread
            target: { base_url: "\(v4.baseURL)", allow_hosts: [127.0.0.1, "::1"] }
            flows: [flow.yaml]
            load: { vus: 2, iterations: 4 }
            """,
            flow: "steps:\n  - { name: v4, get: /ok }\n  - { name: v6, get: \"{{env.V6}}/ok\" }\n",
            environment: ["V6": "http://[::1]:\(v6.port)"])
        let spreads = RunPlan(profile: profile, workers: 1, environment: [:]).spreadsSourceAddresses
        #expect(spreads)
        let (_, s) = h.run(profile, workers: 1, environment: ["V6": "http://[::1]:\(v6.port)"])
        #expect(s.requests(of: "v4") == 4)
        #expect(s.requests(of: "v6") == 4)
        #expect(s.steps.allSatisfy { $0.failed == 0 }, "\(s.steps.map(\.messages))")
    }
}
