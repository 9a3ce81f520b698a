import Foundation
import Scenario
import Testing

@testable import Recording

/// No recorded credential, token or cookie is ever written in clear: role fields, captures or `{{env.…}}`.
@Suite struct SecretTests {
    /// Every secret in the fixtures, as recorded.
    static let secrets: [String: [String]] = [
        "chrome.har": [
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEiLCJleHAiOjk5OTk5OTk5OTl9.c2lnbmF0dXJlLXZhbHVlLTEyMzQ1Ng",
            "c2lnbmF0dXJlLXZhbHVlLTEyMzQ1Ng", "sb-anon-Q29uc3RhbnRLZXkxMjM0NTY3ODkw", "S3cret-Passw0rd!",
            "ada@example.test", "f3a9c2e1b7d4a6c8e0f2", "srv-9f8e7d6c5b4a", "GA1.2.1234.5678",
        ],
        "firefox.har": [
            "S3cret-Passw0rd!", "S3cret-Passw0rd%21", "k8Jd72hQp0Zx93LmA1", "QmFzZTY0U2Vzc2lvbkRhdGExMjM0NTY",
        ],
        "mitmproxy.har": ["tok-4b9d0c1e2f3a5b6c7d8e9f0a1b2c3d4e", "demo-user", "user1@demo.test"],
        "charles.har": [
            "hunter2-but-longer", "bob@example.test", "bob%40example.test", "ck_live_9Rt4Lm2Qx7Vb1Nz8Kp3Wd6Hs",
            "c7f0e2d94b1a8c3e5f6a7b8c9d0e1f2a3b4c5d6e",
        ],
    ]

    @Test(arguments: ["chrome.har", "firefox.har", "mitmproxy.har", "charles.har"])
    func noSecretInTheFlowOrTheReport(_ fixture: String) throws {
        let result = try Fixtures.importHAR(fixture)
        let report = ImportReportText.render(result.report, output: "out.yaml")
        for secret in Self.secrets[fixture] ?? [] {
            #expect(!result.yaml.contains(secret), "\(fixture): \(secret) in the flow")
            #expect(!report.contains(secret), "\(fixture): \(secret) in the report")
        }
    }

    @Test func chromeSecretsBecomeEnvironmentVariables() throws {
        let result = try Fixtures.importHAR("chrome.har")
        #expect(result.report.secrets.map(\.name) == ["COOKIE_LEGACY_SID", "APIKEY"])
        #expect(
            result.report.secrets.map(\.firstUse) == [
                "header cookie of GET /login", "header apikey of POST /api/login",
            ])
        let me = try #require(result.flow.request("GET /api/me"))
        #expect(me.headers.first { $0.name == "apikey" }?.value.description == "{{env.APIKEY}}")
        // The session cookie the login set is left to the VU's cookie jar; analytics cookies are dropped.
        #expect(me.headers.first { $0.name == "Cookie" }?.value.description == "legacy_sid={{env.COOKIE_LEGACY_SID}}")
        #expect(result.report.roleFields == ["email", "password"])
    }

    @Test func secretNamedParametersAndTokenShapedValues() throws {
        let jwt = "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl"
        let har = HARText.document(entries: [
            HARText.entry(
                "POST", "http://a.test/api/webhooks?api_key=plain-key-value&page=2", at: 0,
                requestBody: #"{"client_secret": "s3cr3t-value", "note": "see \#(jwt) here", "name": "ok"}"#,
                requestHeaders: [("X-Api-Key", "k-123456789"), ("X-Trace", "Zx81KqP0aLm3Nd7Vb2Wc9Ty4")])
        ])
        let result = try HARImport.run(path: try Fixtures.temporary(har))
        for secret in ["plain-key-value", "s3cr3t-value", jwt, "k-123456789", "Zx81KqP0aLm3Nd7Vb2Wc9Ty4"] {
            #expect(!result.yaml.contains(secret), "\(secret) in the flow")
        }
        #expect(result.report.secrets.map(\.name) == ["API_KEY", "X_API_KEY", "X_TRACE", "CLIENT_SECRET", "NOTE"])
        let request = try #require(result.flow.requests.first)
        #expect(request.query.map(\.value.description) == ["{{env.API_KEY}}", "2"])
        guard case .json(let body)? = request.body else {
            Issue.record("not json")
            return
        }
        #expect(
            body.serialized()
                == #"{"client_secret":"{{env.CLIENT_SECRET}}","note":"see {{env.NOTE}} here","name":"ok"}"#)
    }

    @Test func explicitRoleFieldsAndMissingOnesAreReported() throws {
        var options = ImportOptions()
        options.roleFields = ["email", "pin"]
        let result = try Fixtures.importHAR("chrome.har", options)
        #expect(result.report.roleFields == ["email"] && result.report.missingRoleFields == ["pin"])
        // The password is not a role field now, but it is still not written: it is a secret-named field.
        #expect(!result.yaml.contains("S3cret-Passw0rd!"))
        #expect(result.report.secrets.map(\.name).contains("PASSWORD"))
        #expect(
            ImportReportText.render(result.report, output: nil).contains(
                "warning: --role-fields not found in the recording: pin"))
    }

    @Test func sameRoleValueElsewhereBecomesTheRoleField() throws {
        let har = HARText.document(entries: [
            HARText.entry(
                "POST", "http://a.test/api/login", at: 0,
                requestBody: #"{"email": "eve@x.test", "password": "pw-123456"}"#),
            HARText.entry("GET", "http://a.test/api/users?email=eve%40x.test", at: 100),
        ])
        let flow = try HARImport.run(path: try Fixtures.temporary(har)).flow
        #expect(flow.requests[1].query.map(\.value.description) == ["{{role.email}}"])
    }
}
