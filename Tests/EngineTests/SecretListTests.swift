import Scenario
import Testing

@testable import Engine

@Suite("SecretList")
struct SecretListTests {
    @Test func redactsAValueAlsoWhenEncoded() {
        let role = Role(name: "user", accounts: [["password": "p@ss word\"1"]], secretFields: ["password"])
        let profile = Profile(
            name: "p", target: Target(baseURL: "http://127.0.0.1", allowHosts: []), flows: [], roles: [role],
            load: .shared(vus: 1, iterations: 1), timeouts: Timeouts())
        let secrets = SecretList(profile: profile, environment: [:])
        #expect(secrets.redact("x=p@ss word\"1") == "x=***")
        #expect(secrets.redact("password=p%40ss%20word%221&a=1") == "password=***&a=1")
        #expect(secrets.redact("password=p%40ss+word%221") == "password=***")
        #expect(secrets.redact(#"{"password":"p@ss word\"1"}"#) == #"{"password":"***"}"#)
        #expect(secrets.redact("nothing secret here") == "nothing secret here")
    }
}
