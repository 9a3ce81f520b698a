import Testing

@testable import Scenario

/// URLs at load time, read by libcurl's parser (the one the engine sends with).
extension ProfileLoaderTests {
    private static let base = "base_url: http://127.0.0.1:8787"

    @Test func baseURLIsReadByLibcurlAndTakesNoQuery() throws {
        let (bad, _) = try error(replacing: [(Self.base, "base_url: \"http://bad host:8787\"")])
        #expect(bad?.message == "base_url must be an absolute http or https URL")
        #expect(bad?.hint == "libcurl says: Bad hostname; e.g. base_url: https://staging.example.com")
        for withQuery in ["http://127.0.0.1:8787/api?v=2", "http://127.0.0.1:8787/#x"] {
            let (e, _) = try error(replacing: [(Self.base, "base_url: \"\(withQuery)\"")])
            #expect(e?.field == "target.base_url", "\(withQuery)")
            #expect(e?.message == "base_url cannot have a query or a fragment: step paths are appended to it")
        }
    }

    @Test func allowHostsAreHostNamesInOneSpelling() throws {
        let (result, _) = try load(replacing: [
            (Self.base, "base_url: http://127.0.0.1:8787\n  allow_hosts: [127.0.0.1, CDN.Example., \"[::1]\"]")
        ])
        #expect(try result.get().target.allowHosts == ["127.0.0.1", "cdn.example", "::1"])
        let (e, files) = try error(replacing: [
            (Self.base, "base_url: http://127.0.0.1:8787\n  allow_hosts: [127.0.0.1, \"cdn.example:8443\"]")
        ])
        #expect(
            e
                == ScenarioError(
                    file: files.path("demo.yaml"), line: 4, column: 28, field: "target.allow_hosts[1]",
                    message: "\"cdn.example:8443\" is not a host name",
                    hint: "list host names only, without scheme, port or path, e.g. api.example.com"))
    }

    @Test func literalURLsAreCheckedAsLibcurlReadsThem() throws {
        let refused = [
            "https://127.0.0.1@evil.example/x": "evil.example",
            "https://evil.example#@127.0.0.1": "evil.example",
            "https://127.0.0.1.evil.example/x": "127.0.0.1.evil.example",
            "https://evil.example/{{env.HOST}}": "evil.example",
            "https://evil.example?{{env.HOST}}": "evil.example",
        ]
        for (url, host) in refused {
            let (e, _) = try error(flow: "steps:\n  - get: \"\(url)\"\n")
            #expect(e?.message == "host \(host) is not in target.allow_hosts", "\(url)")
        }
        // libcurl reads user info up to the `@`: this one goes to 127.0.0.1. Hosts a placeholder can still
        // change are left to the run-time check.
        for url in [
            "https://evil.example\\\\@127.0.0.1/x", "https://127.1/x", "https://127.0.0.1/{{env.HOST}}",
            "https://127.0.0.1{{env.HOST}}/x", "https://{{env.HOST}}.evil.example/x",
        ] {
            let (result, _) = try load(flow: "steps:\n  - get: \"\(url)\"\n")
            #expect((try? result.get()) != nil, "\(url)")
        }
    }

    @Test func literalURLsLibcurlCannotReadAreRefused() throws {
        let cases = [
            "https://bad host/x": "bad URL \"https://bad host/x\": Bad hostname",
            "ftp://127.0.0.1/x": "bad URL \"ftp://127.0.0.1/x\": the scheme is ftp, not http or https",
        ]
        for (url, message) in cases {
            let (e, _) = try error(flow: "steps:\n  - get: \"\(url)\"\n")
            #expect(e?.message == message)
        }
    }
}
