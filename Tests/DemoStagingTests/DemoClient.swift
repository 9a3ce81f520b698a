import DemoStaging
import TestSupport
import Testing

// Starting a demo server and signing in, shared by the DemoStaging suites.

/// A demo server with cheap, exact costs so timing tests are quick and not flaky.
func startServer(
    rows: Int = 1000, perRow: Duration = .microseconds(200), poolSize: Int = 2,
    policy: DemoOptions.Policy = .slow
) throws -> DemoStagingServer {
    try DemoStagingServer.start(
        options: DemoOptions(
            rows: rows, poolSize: poolSize, policy: policy, rlsBaseCost: .zero, rlsCostPerRow: perRow,
            costJitter: 0))
}

/// Logs in and returns the bearer token.
func login(_ port: Int, _ email: String, _ password: String) throws -> String {
    let response = try HTTPTestClient.request(
        port: port, .POST, "/api/login", headers: [("Content-Type", "application/json")],
        body: #"{"email":"\#(email)","password":"\#(password)"}"#)
    #expect(response.status == 200)
    return try #require(response.json["token"] as? String)
}

func userToken(_ port: Int, _ index: Int = 1) throws -> String {
    try login(port, "user\(index)@demo.test", "demo-user")
}
