import TestSupport
import Testing

@testable import Scenario

/// Real files in a temporary folder: `demo.yaml`, `flows/dashboard.yaml`, `users.csv`.
@Suite struct ProfileLoaderTests {
    static let profile = """
        name: demo
        target:
          base_url: http://127.0.0.1:8787
        flows:
          - flows/dashboard.yaml
        roles:
          admin:
            fields:
              email: admin@demo.test
              password: { env: DEMO_ADMIN_PASSWORD }
          user:
            csv: users.csv
            secret_fields: [email]
        load:
          vus: 10
          duration: 30s
          ramp_up: 5s
        """
    static let csv = "email,password\n\"smith, ann@x.test\",p1\r\nbob@x.test,\"p\"\"2\"\n\ncarl@x.test,p3\n"
    static let environment = ["DEMO_ADMIN_PASSWORD": "s3cret-admin", "HOST": "127.0.0.1"]

    /// Writes the project with `replacing` applied to the profile (and `flow` as the flow) and loads it.
    func load(
        replacing: [(String, String)] = [], flow: String = FlowDecoderTests.documented, csv: String? = Self.csv,
        environment: [String: String] = Self.environment
    ) throws -> (Result<Profile, ScenarioError>, TemporaryFolder) {
        let files = try TemporaryFolder("scenario")
        var text = Self.profile
        for (old, new) in replacing { text = text.replacingOccurrences(of: old, with: new) }
        try files.write("demo.yaml", text)
        try files.write("flows/dashboard.yaml", flow)
        if let csv { try files.write("users.csv", csv) }
        let loader = ProfileLoader(environment: environment)
        return (Result { () throws(ScenarioError) in try loader.load(path: files.path("demo.yaml")) }, files)
    }

    func error(
        replacing: [(String, String)] = [], flow: String = FlowDecoderTests.documented, csv: String? = Self.csv,
        environment: [String: String] = Self.environment
    ) throws -> (ScenarioError?, TemporaryFolder) {
        let (result, files) = try load(replacing: replacing, flow: flow, csv: csv, environment: environment)
        if case .failure(let e) = result { return (e, files) }
        Issue.record("expected an error")
        return (nil, files)
    }

    @Test func loadsTheProfileFlowsAndRoles() throws {
        let (result, files) = try load()
        let profile = try result.get()
        #expect(profile.name == "demo")
        #expect(
            profile.target
                == Target(
                    baseURL: "http://127.0.0.1:8787", allowHosts: ["127.0.0.1"],
                    source: SourceLocation(file: files.path("demo.yaml"), line: 3, column: 3)))
        #expect(profile.flows.map(\.name) == ["dashboard"])
        #expect(profile.flows[0].source?.file == files.path("flows/dashboard.yaml"))
        #expect(profile.roles.map(\.name) == ["admin", "user"])
        #expect(profile.roles[0].accounts == [["email": "admin@demo.test", "password": "s3cret-admin"]])
        #expect(profile.roles[0].secretFields == ["password"])
        #expect(profile.roles[1].accounts.map { $0["email"] } == ["smith, ann@x.test", "bob@x.test", "carl@x.test"])
        #expect(profile.roles[1].accounts[1]["password"] == "p\"2")
        #expect(profile.roles[1].secretFields == ["email", "password"])
        #expect(profile.roles[1].accountsFile == "users.csv")
        #expect(profile.scenarios.map(\.load) == [.constant(vus: 10, duration: .seconds(30), rampUp: .seconds(5))])
        #expect(
            profile.scenarios.map(\.name) == ["default"]
                && profile.scenarios[0].roleWeights == profile.roles.map(\.weight))
        #expect(profile.timeouts == Timeouts())
        #expect(profile.output == "Results")
    }

    @Test func optionalBlocksAndEnvironmentInTheBaseURL() throws {
        let (result, _) = try load(replacing: [
            (
                "base_url: http://127.0.0.1:8787",
                "base_url: \"https://{{ env.HOST }}:8443\"\n  allow_hosts: [127.0.0.1, CDN.example]\n  http: http1\n  verify_tls: false"
            ),
            ("  ramp_up: 5s", "  graceful_stop: 2s\ntimeouts:\n  request: 3s\n  spinner: 1s\noutput: Out"),
            ("  duration: 30s", "  iterations: 200"),
        ])
        let profile = try result.get()
        #expect(profile.target.baseURL == "https://127.0.0.1:8443")
        #expect(profile.target.allowHosts == ["127.0.0.1", "cdn.example"])
        #expect(profile.target.httpVersion == .http1 && !profile.target.verifyTLS)
        var expected = LoadShape.shared(vus: 10, iterations: 200)
        expected.gracefulStop = .seconds(2)
        #expect(profile.scenarios.map(\.load) == [expected])
        #expect(profile.timeouts == Timeouts(request: .seconds(3), connect: .seconds(5), spinner: .seconds(1)))
        #expect(profile.output == "Out")
    }

    @Test func wrongTypeNamesTheField() throws {
        let (e, files) = try error(replacing: [("vus: 10", "vus: ten")])
        #expect(
            e
                == ScenarioError(
                    file: files.path("demo.yaml"), line: 15, column: 8, field: "load.vus",
                    message: "expected an integer, found \"ten\""))
    }

    @Test func badDurationReadsLikeACompilerError() throws {
        let (e, files) = try error(replacing: [("duration: 30s", "duration: 30")])
        #expect(
            e?.description == """
                \(files.path("demo.yaml")):16:13: error: load.duration: bad duration "30" — expected a number with a unit
                  hint: add a unit, e.g. 30s
                """)
    }

    @Test func unknownKeySuggestsTheValidOne() throws {
        let (e, _) = try error(replacing: [("duration: 30s", "duraton: 30s")])
        #expect(e?.field == "load.duraton" && e?.line == 16 && e?.column == 3)
        #expect(e?.message == "unknown key \"duraton\"" && e?.hint == "did you mean \"duration\"?")
    }

    @Test func missingRequiredKeys() throws {
        let (baseURL, _) = try error(replacing: [("  base_url: http://127.0.0.1:8787", "  http: auto")])
        #expect(
            baseURL?.field == "target.base_url" && baseURL?.line == 3
                && baseURL?.message == "missing required key \"base_url\"")
        let (flows, _) = try error(replacing: [("flows:\n  - flows/dashboard.yaml\n", "")])
        #expect(flows?.field == "flows" && flows?.line == 1)
        let (roles, _) = try error(replacing: [("roles:", "rolez:")])
        #expect(roles?.hint == "did you mean \"roles\"?")
        let (vus, _) = try error(replacing: [("  vus: 10\n", "")])
        #expect(vus?.field == "load.vus" && vus?.message == "missing required key \"vus\"")
    }

    @Test func durationAndIterationsRules() throws {
        let (both, _) = try error(replacing: [("duration: 30s", "duration: 30s\n  iterations: 5")])
        #expect(both?.field == "load.iterations" && both?.message == "give either duration or iterations, not both")
        let (neither, _) = try error(replacing: [("  duration: 30s\n", "")])
        #expect(neither?.field == "load.duration" && neither?.message == "missing duration or iterations")
        let (zero, _) = try error(replacing: [("vus: 10", "vus: 0")])
        #expect(zero?.field == "load.vus" && zero?.message == "vus must be at least 1, found 0")
        let (ramp, _) = try error(replacing: [("ramp_up: 5s", "ramp_up: 1m")])
        #expect(ramp?.message == "ramp_up 1m is longer than the duration 30s")
    }

    @Test func environmentVariablesMustBeSet() throws {
        let (field, files) = try error(environment: [:])
        #expect(
            field
                == ScenarioError(
                    file: files.path("demo.yaml"), line: 10, column: 24, field: "roles.admin.fields.password",
                    message: "environment variable DEMO_ADMIN_PASSWORD is not set", hint: "export DEMO_ADMIN_PASSWORD=…"
                ))
        let flow = "steps:\n  - get: /a\n    headers: { X-Key: \"{{env.API_KEY}}\" }\n"
        let (template, files2) = try error(flow: flow)
        #expect(
            template
                == ScenarioError(
                    file: files2.path("flows/dashboard.yaml"), line: 3, column: 23, field: "steps[0].headers.X-Key",
                    message: "environment variable API_KEY is not set", hint: "export API_KEY=…"))
    }

    @Test func roleFieldsMustExistInEveryRole() throws {
        let typo = "steps:\n  - post: /login\n    json: { e: \"{{role.emial}}\" }\n"
        let (e, _) = try error(flow: typo)
        #expect(e?.field == "steps[0].json.e" && e?.line == 3)
        #expect(e?.message == "unknown role field {{role.emial}}" && e?.hint == "did you mean {{role.email}}?")
        let (lacking, files) = try error(
            replacing: [("      password: { env: DEMO_ADMIN_PASSWORD }\n", "")],
            flow: "steps:\n  - post: /login\n    form: { p: \"{{role.password}}\" }\n")
        #expect(lacking?.file == files.path("demo.yaml") && lacking?.field == "roles.admin" && lacking?.line == 8)
        #expect(
            lacking?.message
                == "role admin has no field \"password\" (used at \(files.path("flows/dashboard.yaml")):3:16)")
    }

    @Test func roleDefinitionMistakes() throws {
        let (both, _) = try error(replacing: [("    csv: users.csv", "    csv: users.csv\n    fields: { a: b }")])
        #expect(both?.field == "roles.user.csv" && both?.message == "a role has either fields or csv, not both")
        let (secret, _) = try error(replacing: [("secret_fields: [email]", "secret_fields: [emial]")])
        #expect(secret?.field == "roles.user.secret_fields[0]" && secret?.hint == "did you mean \"email\"?")
        let (weight, _) = try error(replacing: [("  user:\n", "  user:\n    weight: 0\n")])
        #expect(weight?.message == "weight must be at least 1, found 0")
    }

    @Test func csvProblemsPointIntoTheCSV() throws {
        let (missing, files) = try error(csv: nil)
        #expect(missing?.file == files.path("demo.yaml") && missing?.field == "roles.user.csv" && missing?.line == 12)
        #expect(missing?.message == "CSV file not found: \(files.path("users.csv"))")
        #expect(missing?.hint == "CSV paths are relative to the profile's folder (\(files.directory))")
        let (empty, emptyFiles) = try error(csv: "\n")
        #expect(empty?.message == "the CSV file is empty" && empty?.file == emptyFiles.path("users.csv"))
        let (headerOnly, _) = try error(csv: "email,password\n")
        #expect(headerOnly?.message == "the CSV file has a header but no accounts")
        let (ragged, files2) = try error(csv: "email,password\na@x,p1\n\"multi\nline\",p2\nb@x\n")
        #expect(
            ragged
                == ScenarioError(
                    file: files2.path("users.csv"), line: 5, field: "roles.user.csv",
                    message: "row has 1 fields, expected 2 (email,password)",
                    hint: "quote values that contain commas, e.g. \"Smith, Ann\""))
        let (quote, _) = try error(csv: "email,password\n\"a@x,p1\n")
        #expect(quote?.line == 2 && quote?.message == "a quoted field is never closed")
    }

    @Test func hostsOutsideTheAllowListAreRefused() throws {
        let flow = "steps:\n  - get: https://evil.example/steal?x=1\n  - get: \"{{env.HOST}}/x\"\n"
        let (e, files) = try error(flow: flow)
        #expect(
            e
                == ScenarioError(
                    file: files.path("flows/dashboard.yaml"), line: 2, column: 10, field: "steps[0].get",
                    message: "host evil.example is not in target.allow_hosts",
                    hint: "allowed hosts: 127.0.0.1; add evil.example to target.allow_hosts if it belongs to the test"))
        let allowed = try load(
            replacing: [
                (
                    "base_url: http://127.0.0.1:8787",
                    "base_url: http://127.0.0.1:8787\n  allow_hosts: [127.0.0.1, evil.example]"
                )
            ],
            flow: "steps:\n  - get: https://EVIL.example:8443/ok\n  - get: \"https://{{env.HOST}}/x\"\n")
        #expect((try? allowed.0.get()) != nil)
        let (explicit, _) = try error(replacing: [
            ("base_url: http://127.0.0.1:8787", "base_url: http://127.0.0.1:8787\n  allow_hosts: [other.example]")
        ])
        #expect(explicit?.message == "the base URL's host 127.0.0.1 is not in allow_hosts")
    }

    @Test func baseURLMustBeHTTP() throws {
        for bad in ["ftp://files.example", "not a url", "http://"] {
            let (e, _) = try error(replacing: [("http://127.0.0.1:8787", "\"\(bad)\"")])
            #expect(
                e?.field == "target.base_url" && e?.message == "base_url must be an absolute http or https URL",
                "\(bad)")
        }
    }

    @Test func flowFileNotFoundExplainsRelativePaths() throws {
        let (e, files) = try error(replacing: [("flows/dashboard.yaml", "flows/dashbord.yaml")])
        #expect(
            e
                == ScenarioError(
                    file: files.path("demo.yaml"), line: 5, column: 5, field: "flows[0]",
                    message: "flow file not found: \(files.path("flows/dashbord.yaml"))",
                    hint: "flow paths are relative to the profile's folder (\(files.directory))"))
    }

    @Test func malformedProfileYAML() throws {
        let (e, files) = try error(replacing: [("  vus: 10", "  vus: [10")])
        #expect(e?.file == files.path("demo.yaml") && e?.line == 16)
        #expect(e?.message.hasPrefix("malformed YAML") == true)
    }

    @Test func errorsNeverShowSecretValues() throws {
        let flow =
            "steps:\n  - post: /login\n    check: { body_contains: \"{{role.password}}x\" }\n  - get: /a/{{role.pasword}}\n"
        let (e, _) = try error(flow: flow)
        let text = e?.description ?? ""
        #expect(text.contains("{{role.pasword}}") && !text.contains("s3cret-admin") && !text.contains("p1"))
    }

    @Test func missingProfile() {
        let e = scenarioError { try ProfileLoader(environment: [:]).load(path: "/nonexistent/demo.yaml") }
        #expect(
            e == ScenarioError(file: "/nonexistent/demo.yaml", message: "profile not found: /nonexistent/demo.yaml"))
    }
}
