import Foundation
import Scenario
import Secrets
import Testing

@testable import Recording

/// Secrets that reached the flow or the report in clear before (review of issue 4): raw queries, JSON bodies
/// not labelled JSON, request labels, short secret names.
@Suite struct SecretLeakTests {
    /// The flow and the report, as one text to search.
    static func output(_ result: ImportResult) -> String {
        result.yaml + ImportReportText.render(result.report, output: "out.yaml")
    }

    static func har(_ entries: [String]) throws -> ImportResult {
        try HARImport.run(path: try Fixtures.temporary(HARText.document(entries: entries)))
    }

    @Test func apiKeyInARawQueryWithAPlus() throws {
        let key = "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY"
        let result = try CurlImport.run(
            text: "curl 'https://maps.example.test/api/geocode?address=1+Main+St&key=\(key)'")
        #expect(!Self.output(result).contains(key))
        let url = try #require(result.flow.requests.first).url.description
        #expect(url == "/api/geocode?address=1+Main+St&key={{env.KEY}}")
    }

    @Test func secretsInRawHARQueries() throws {
        let result = try Self.har([
            HARText.entry("GET", "http://a.test/api/search?apikey=abcd1234efgh&q=a+b", at: 0),
            HARText.entry("GET", "http://a.test/api/flags?flag&api_key=zzzz9999yyyy", at: 100),
        ])
        let text = Self.output(result)
        #expect(!text.contains("abcd1234efgh"))
        #expect(!text.contains("zzzz9999yyyy"))
        let urls = result.flow.requests.map(\.url.description)
        #expect(urls == ["/api/search?apikey={{env.APIKEY}}&q=a+b", "/api/flags?flag&api_key={{env.API_KEY}}"])
    }

    @Test func rawQueryOriginsAreReplaced() throws {
        let result = try Self.har([
            HARText.entry("GET", "http://a.test/login?next=http://a.test/home&q=a+b", at: 0)
        ])
        #expect(try #require(result.flow.requests.first).url.description == "/login?next={{env.BASE_URL}}/home&q=a+b")
    }

    @Test func jsonBodySentAsTextPlain() throws {
        let result = try CurlImport.run(
            text: #"curl 'https://a.test/api/login' -H 'content-type: text/plain;charset=UTF-8' "#
                + #"--data-raw '{"email":"ada@example.test","password":"S3cret-Passw0rd!","client_secret":"cs-value-1"}'"#
        )
        let text = Self.output(result)
        for secret in ["ada@example.test", "S3cret-Passw0rd!", "cs-value-1"] { #expect(!text.contains(secret)) }
        let request = try #require(result.flow.requests.first)
        // Still sent with the recorded content type.
        #expect(request.headers.first { $0.name == "Content-Type" }?.value.description == "text/plain;charset=UTF-8")
        guard case .json = request.body else {
            Issue.record("expected a json body, got \(String(describing: request.body))")
            return
        }
    }

    @Test func jsonBodyWithANumberPastDoublePrecision() throws {
        let result = try CurlImport.run(
            text: #"curl 'https://a.test/api/login' --json '{"org_id":12345678901234567890,"#
                + #""email":"ada@example.test","password":"S3cret-Passw0rd!"}'"#)
        let text = Self.output(result)
        #expect(!text.contains("S3cret-Passw0rd!"))
        #expect(!text.contains("ada@example.test"))
        let request = try #require(result.flow.requests.first)
        guard case .raw(let body, let type) = request.body else {
            Issue.record("expected a raw body")
            return
        }
        #expect(
            body.description
                == #"{"org_id":12345678901234567890,"email":"{{role.email}}","password":"{{role.password}}"}"#)
        #expect(type == "application/json")
    }

    @Test func requestLabelsInTheReportAreScrubbed() throws {
        let token = "Xy7kLm9NpQ2rSt4UvW6xYz8A"
        let result = try CurlImport.run(
            text: "curl 'https://hooks.slack.example/services/T0AB12CD3/B0EF45GH6/\(token)' --json '{\"text\":\"hi\"}'")
        #expect(!Self.output(result).contains(token))
        #expect(
            result.report.secrets.first?.firstUse == "path of POST /services/T0AB12CD3/B0EF45GH6/{{env.PATH_TOKEN}}")
    }

    @Test func shortSecretNames() throws {
        let result = try CurlImport.run(
            text:
                #"curl 'https://a.test/api/login' --json '{"login":"bob","pass":"hunter2pw","pin":"4821","passcode":"77aa","passphrase":"horse battery"}'"#
                + "\ncurl 'https://a.test/api/pw' --data-raw 'pw=$ecret$$1&pinned=true'")
        let text = Self.output(result)
        for secret in ["hunter2pw", "4821", "77aa", "horse battery", "$ecret$$1"] {
            #expect(!text.contains(secret), "\(secret) in clear")
        }
        #expect(text.contains("pinned: \"true\"") || text.contains("pinned: 'true'") || text.contains("pinned: true"))
    }

    /// A raw body that holds the password (now `{{role.password}}`) and a token: the token is scrubbed too (it was
    /// left in clear once the body held a placeholder).
    @Test func aTokenNextToThePasswordInARawBody() throws {
        let token = "Xy7kLm9NpQ2rSt4UvW6xYz8A"
        let result = try CurlImport.run(
            text:
                #"curl 'https://a.test/api/login' --json '{"email":"ada@example.test","password":"S3cret-Passw0rd!"}'"#
                + "\ncurl 'https://a.test/api/debug' -H 'content-type: text/plain' "
                + "--data-raw 'pw S3cret-Passw0rd! and \(token) here'")
        let text = Self.output(result)
        #expect(!text.contains("S3cret-Passw0rd!"))
        #expect(!text.contains(token), "\(result.yaml)")
        let body = try #require(result.flow.requests.last?.body)
        guard case .raw(let template, _) = body else {
            Issue.record("expected a raw body, got \(body)")
            return
        }
        #expect(template.description == "pw {{role.password}} and {{env.BODY_TOKEN}} here")
    }

    /// The password inside a longer header or query value becomes the role field too (it stayed in clear).
    @Test func thePasswordInsideLongerValues() throws {
        let password = "S3cret-Passw0rd"
        let result = try CurlImport.run(
            text: #"curl 'https://a.test/api/login' --json '{"email":"ada@example.test","password":"\#(password)"}'"#
                + "\ncurl 'https://a.test/api/debug?x=a\(password)' -H 'X-Debug: pw=\(password)'")
        #expect(!Self.output(result).contains(password), "\(result.yaml)")
        let request = try #require(result.flow.requests.last)
        #expect(request.headers.first { $0.name == "X-Debug" }?.value.description == "pw={{role.password}}")
        #expect(request.query.map { "\($0.name)=\($0.value)" } == ["x=a{{role.password}}"], "\(result.yaml)")
    }

    @Test func secretWordsAreWholeWords() {
        for name in ["pin", "user_pin", "new-pw", "pass", "passcode", "passphrase", "password_hint"] {
            #expect(SecretRules.isSecretName(name, header: false), "\(name)")
        }
        for name in ["pinned", "bypass", "compass", "spinner", "pwa"] {
            #expect(!SecretRules.isSecretName(name, header: false), "\(name)")
        }
    }
}

/// A JSON body keeps the content type it was recorded with.
@Suite struct JSONContentTypeTests {
    @Test(arguments: ["application/vnd.api+json", "application/merge-patch+json"])
    func plusJSONTypesAreKept(_ type: String) throws {
        let result = try CurlImport.run(
            text: "curl -X PATCH 'https://a.test/api/tasks/1' -H 'Content-Type: \(type)' --data-raw '{\"done\":true}'")
        let request = try #require(result.flow.requests.first)
        #expect(request.body == .json(.object([("done", .bool(true))])))
        #expect(request.headers.first { $0.name == "Content-Type" }?.value.description == type)
    }

    @Test func plainJSONNeedsNoHeader() throws {
        let result = try CurlImport.run(text: "curl 'https://a.test/api/tasks' --json '{\"done\":true}'")
        let request = try #require(result.flow.requests.first)
        #expect(!request.headers.contains { $0.name == "Content-Type" })
    }
}
