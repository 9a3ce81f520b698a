import Testing

@testable import Scenario

@Suite struct ValidationSummaryTests {
    func request(_ path: String) -> RequestStep {
        RequestStep(name: "GET \(path)", method: "GET", url: Template(literal: path))
    }

    @Test func summarizesFlowsRolesAndLoad() {
        let group = GroupStep(name: "dash", requests: ["/a", "/b", "/c", "/d"].map(request))
        let flow = Flow(
            name: "dashboard",
            steps: [
                .request(request("/login")), .think(.fixed(.seconds(1))), .group(group),
                .think(.fixed(.seconds(1))), .request(request("/logout")),
            ])
        let profile = Profile(
            name: "demo",
            target: Target(baseURL: "https://bot:pw@staging.example/", allowHosts: ["staging.example"]),
            flows: [flow],
            roles: [
                Role(name: "admin", accounts: [["password": "s3cret"]], secretFields: ["password"]),
                Role(
                    name: "user", weight: 3, accounts: Array(repeating: ["email": "x"], count: 3),
                    accountsFile: "users.csv"),
            ],
            load: .constant(vus: 10, duration: .seconds(30), rampUp: .seconds(5)),
            timeouts: Timeouts())
        #expect(
            profile.validationSummary() == [
                "profile demo: target https://staging.example/ (allowed hosts: staging.example)",
                "flow dashboard: 5 steps (1 group of 4 parallel requests)",
                "roles: admin (1 account), user (weight 3, 3 accounts from users.csv)",
                "load: 10 VUs for 30s, ramp-up 5s",
                "timeouts: request 10s, connect 5s, spinner 3s",
                "output: Results",
            ])
        #expect(!profile.validationSummary().joined().contains("s3cret"))
    }

    @Test func iterationsAndSeveralGroups() {
        let g1 = GroupStep(name: "a", requests: [request("/a"), request("/b")])
        let g2 = GroupStep(name: "b", requests: [request("/c"), request("/d"), request("/e")])
        let flow = Flow(name: "f", steps: [.group(g1), .group(g2)])
        #expect(flow.summaryLine == "flow f: 2 steps (2 groups of 2 and 3 parallel requests)")
        var load = LoadShape.shared(vus: 1, iterations: 200)
        load.gracefulStop = .seconds(3)
        #expect(load.summaryText == "1 VU, 200 iterations in total, graceful stop 3s")
        #expect(Flow(name: "one", steps: [.request(request("/"))]).summaryLine == "flow one: 1 step")
    }
}
