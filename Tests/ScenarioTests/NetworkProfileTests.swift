import Testing

@testable import Scenario

/// `network:` in a profile and in a role, as `ProfileLoader` reads them.
@Suite struct NetworkProfileTests {
    let loader = ProfileLoaderTests()

    @Test func profileAndRoleNetworks() throws {
        let (result, _) = try loader.load(replacing: [
            ("name: demo\n", "name: demo\nnetwork: slow-4g\n"),
            ("    csv: users.csv\n", "    csv: users.csv\n    network: { preset: slow-3g, jitter: 20ms }\n"),
        ])
        let profile = try result.get()
        #expect(profile.network == NetworkPresets.named("slow-4g")?.conditions)
        #expect(profile.roles.map(\.name) == ["admin", "user"])
        #expect(profile.networkConditions(forRole: 0) == profile.network)
        #expect(profile.networkConditions(forRole: 1)?.jitter == .milliseconds(20))
        #expect(profile.networkConditions(forRole: 7) == profile.network)
        #expect(
            profile.validationSummary().contains(
                "network: slow-4g (150ms RTT, 1.6 Mbit/s down, 750 kbit/s up); "
                    + "role user: custom (400ms RTT, jitter 20ms, 500 kbit/s down, 500 kbit/s up)"))
    }

    @Test func roleOnlyAndNone() throws {
        let (result, _) = try loader.load(replacing: [
            ("    csv: users.csv\n", "    csv: users.csv\n    network: none\n")
        ])
        let profile = try result.get()
        #expect(profile.network == nil)
        #expect(profile.networkConditions(forRole: 0) == nil)
        #expect(profile.networkConditions(forRole: 1)?.isPassThrough == true)
        #expect(profile.validationSummary().contains("network: none; role user: none"))
    }

    @Test func noNetworkNoSummaryLine() throws {
        let (result, _) = try loader.load()
        #expect(!(try result.get()).validationSummary().contains { $0.hasPrefix("network") })
    }

    @Test func errorsAreLocatedInTheProfile() throws {
        let (error, files) = try loader.error(replacing: [
            ("    csv: users.csv\n", "    csv: users.csv\n    network: 3g\n")
        ])
        #expect(error?.file == files.path("demo.yaml"))
        #expect(error?.line == 13)
        #expect(error?.field == "roles.user.network")
        #expect(error?.message == "unknown network preset \"3g\"")
        let (top, _) = try loader.error(replacing: [("name: demo\n", "name: demo\nnetwork: { rtt: 100 }\n")])
        #expect(top?.field == "network.rtt")
        #expect(top?.line == 2)
    }
}
