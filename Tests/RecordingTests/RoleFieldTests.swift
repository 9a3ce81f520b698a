import Foundation
import Scenario
import Testing

@testable import Recording

/// Issue 13 §1: a role field is recognised wherever the recording names it (query, form, JSON, raw body) and the
/// same value anywhere else (a path, a header) becomes the same `{{role.FIELD}}`: one field, never an e-mail left
/// in clear next to a password moved to the environment.
@Suite struct RoleFieldTests {
    static let email = "eve@x.test"
    static let password = "pw-Secret-77"

    static func importing(_ entries: [String], _ options: ImportOptions = ImportOptions()) throws -> ImportResult {
        try HARImport.run(path: try Fixtures.temporary(HARText.document(entries: entries)), options: options)
    }

    /// The PostgREST-style page load of the issue: credentials in the first page's query, before the login.
    @Test func credentialsInAPageQueryBeforeTheLoginAreRoleFields() throws {
        let result = try Self.importing([
            HARText.entry(
                "GET", "http://a.test/?email=eve%40x.test&password=\(Self.password)", at: 0, mime: "text/html",
                body: "<html></html>"),
            HARText.entry(
                "POST", "http://a.test/api/login", at: 100,
                requestBody: #"{"email": "\#(Self.email)", "password": "\#(Self.password)"}"#),
        ])
        let page = try #require(result.flow.requests.first)
        #expect(page.query.map(\.value.description) == ["{{role.email}}", "{{role.password}}"])
        #expect(result.report.roleFields == ["email", "password"], "one field each, however often found")
        #expect(result.report.secrets.isEmpty, "the password is the role's, not an environment variable")
        #expect(!result.yaml.contains(Self.email) && !result.yaml.contains("eve%40x.test"))
        #expect(!result.yaml.contains(Self.password))
    }

    @Test func aFormBodyAndTheSameValueInAPathAndAHeader() throws {
        let result = try Self.importing([
            HARText.entry(
                "POST", "http://a.test/login", at: 0, requestBody: "username=eve77&password=\(Self.password)",
                requestHeaders: [("Content-Type", "application/x-www-form-urlencoded")]),
            HARText.entry(
                "GET", "http://a.test/api/users/eve77/settings", at: 100, requestHeaders: [("X-User", "eve77")]),
        ])
        guard case .form(let fields)? = result.flow.requests[0].body else {
            Issue.record("not a form body")
            return
        }
        #expect(fields.map(\.value.description) == ["{{role.username}}", "{{role.password}}"])
        let settings = result.flow.requests[1]
        #expect(settings.url.description == "/api/users/{{role.username}}/settings")
        #expect(settings.headers.first { $0.name == "X-User" }?.value.description == "{{role.username}}")
    }

    @Test func aRawBodyNamesItsFieldsToo() throws {
        let result = try Self.importing([
            HARText.entry(
                "POST", "http://a.test/login", at: 0, requestBody: "email=\(Self.email)\npassword=\(Self.password)\n",
                requestHeaders: [("Content-Type", "text/plain")]),
            HARText.entry(
                "POST", "http://a.test/note", at: 100, requestBody: "to: \(Self.email); hello",
                requestHeaders: [("Content-Type", "text/plain")]),
        ])
        guard case .raw(let login, _)? = result.flow.requests[0].body,
            case .raw(let note, _)? = result.flow.requests[1].body
        else {
            Issue.record("not raw bodies")
            return
        }
        #expect(login.description == "email={{role.email}}\npassword={{role.password}}\n")
        #expect(note.description == "to: {{role.email}}; hello")
        #expect(result.report.roleFields == ["email", "password"])
    }

    /// Another value under the same name is not the user's (an invitation to a colleague): it stays as recorded.
    @Test func anotherValueUnderTheSameNameIsNotTheUsers() throws {
        let result = try Self.importing([
            HARText.entry(
                "POST", "http://a.test/api/login", at: 0,
                requestBody: #"{"email": "\#(Self.email)", "password": "\#(Self.password)"}"#),
            HARText.entry("POST", "http://a.test/api/invite", at: 100, requestBody: #"{"email": "bob@x.test"}"#),
        ])
        guard case .json(let invite)? = result.flow.requests[1].body else {
            Issue.record("not json")
            return
        }
        #expect(invite.serialized() == #"{"email":"bob@x.test"}"#)
        #expect(result.report.roleFields == ["email", "password"])
    }

    @Test func rawBodyPairsAreReadWithoutEscapes() {
        let pairs = RawBodyPairs.pairs(in: #"a=1&Email=e@x&skip=a%40b {"Password": "p w", "esc": "a\"b"}"#)
        #expect(pairs.map { "\($0.name)=\($0.value)" } == ["a=1", "email=e@x", "password=p w"])
    }
}
