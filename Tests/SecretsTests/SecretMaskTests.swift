import Testing

@testable import Secrets

@Suite("SecretMask")
struct SecretMaskTests {
    static let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLXBhcnQ"

    @Test func knownValuesWholeInsideAndEncoded() {
        let mask = SecretMask(values: ["p@ss word\"1"])
        #expect(mask.mask("x=p@ss word\"1") == "x=***")
        #expect(mask.mask("q=p%40ss%20word%221&a=1") == "q=***&a=1")
        #expect(mask.mask("q=p%40ss+word%221") == "q=***")
        #expect(mask.mask(#"{"note":"p@ss word\"1"}"#) == #"{"note":"***"}"#)
        #expect(mask.mask("abcp@ss word\"1def") == "abc***def", "inside a longer value")
        #expect(mask.mask("nothing secret here") == "nothing secret here")
    }

    @Test func shortValuesAreNotSearchedFor() {
        let mask = SecretMask(values: ["abc"])
        #expect(mask.mask("abc abc") == "abc abc")
        #expect(mask.isEmpty)
    }

    @Test func theLongestKnownValueWins() {
        let mask = SecretMask(values: ["abcd", "abcdefgh"])
        #expect(mask.mask("xabcdefghx abcdx") == "x***x ***x")
    }

    @Test func jsonMembersUnderCredentialNames() {
        let mask = SecretMask()
        #expect(mask.mask(#"{"token":"tok_9f8e7d","ok":true}"#) == #"{"token":"***","ok":true}"#)
        #expect(
            mask.mask(#"{"user": {"password" : "hunter2", "name": "ada"}}"#)
                == #"{"user": {"password" : "***", "name": "ada"}}"#)
        #expect(mask.mask(#"{"pin": 1234, "count": 5}"#) == #"{"pin": ***, "count": 5}"#)
        #expect(
            mask.mask(#"{"headers":{"authorization":"Bearer abc","cookie":"sid=1"}}"#)
                == #"{"headers":{"authorization":"***","cookie":"***"}}"#)
        // An echoed body: JSON inside a JSON string.
        #expect(
            mask.mask(#"{"body":"{\"password\":\"hunter2\",\"a\":1}"}"#)
                == #"{"body":"{\"password\":\"***\",\"a\":1}"}"#)
        #expect(mask.mask(#"{"task_id":"t-1","session_id":"s-9"}"#) == #"{"task_id":"t-1","session_id":"***"}"#)
    }

    @Test func pairsHeaderLinesAndSchemes() {
        let mask = SecretMask()
        #expect(mask.mask("GET /a?q=1&access_token=abc.def&x=2") == "GET /a?q=1&access_token=***&x=2")
        #expect(mask.mask("session=s1; Path=/") == "session=***; Path=/")
        #expect(mask.mask("a\nAuthorization: Basic dXNlcjpwdw==\nX-Other: 1") == "a\nAuthorization: ***\nX-Other: 1")
        #expect(mask.mask("sent Bearer abcdefgh12345 then") == "sent Bearer *** then")
        #expect(mask.mask("basic auth is off") == "basic auth is off", "prose after a scheme's name stays")
    }

    @Test func jwtsAndUserInfoAnywhere() {
        let mask = SecretMask()
        #expect(mask.mask("token in path /api/\(Self.jwt)/x") == "token in path /api/***/x")
        #expect(mask.mask("http://ada:pw123@staging.test:8080/a?b=1") == "http://***@staging.test:8080/a?b=1")
        #expect(mask.mask("see http://staging.test/a@b") == "see http://staging.test/a@b")
    }

    @Test func maskingTwiceChangesNothingMore() {
        let mask = SecretMask(values: ["s3cr3t-value"])
        let text = #"{"token":"x","q":"a=1&password=s3cr3t-value"} Authorization: Bearer abcdefghij \#(Self.jwt)"#
        let once = mask.mask(text)
        #expect(!once.contains("s3cr3t") && !once.contains("abcdefghij") && !once.contains("eyJ"))
        #expect(mask.mask(once) == once)
    }

    @Test func headers() {
        let mask = SecretMask(values: ["k-123456"])
        #expect(mask.maskHeader("X-API-Key", value: "whatever") == "***")
        #expect(mask.maskHeader("X-Debug", value: "pw=k-123456") == "pw=***")
        #expect(mask.maskHeaderLine("Cookie: a=1; b=2") == "Cookie: ***")
        #expect(mask.maskHeaderLine("Accept: text/html") == "Accept: text/html")
    }

    @Test func learnedValuesAreBounded() {
        var mask = SecretMask(values: ["fixed-secret"])
        for i in 0..<(SecretMask.learnedLimit + 10) { mask.learn("learned-token-\(i)") }
        #expect(mask.mask("learned-token-0 ") == "learned-token-0 ", "the oldest learned values are forgotten")
        #expect(mask.mask("learned-token-\(SecretMask.learnedLimit + 9) ") == "*** ")
        #expect(mask.mask("fixed-secret") == "***", "fixed values stay")
    }
}

@Suite("SecretRules")
struct SecretRulesTests {
    @Test func credentialNames() {
        for name in [
            "password", "token", "access_token", "api_key", "X-API-Key", "session", "session_id", "authorization",
            "Cookie", "set-cookie", "client_secret", "auth", "x-auth-token", "pin", "user_pin", "new-pw", "key",
        ] {
            #expect(SecretRules.isSecretName(name, header: true), "\(name)")
        }
        for name in ["pinned", "bypass", "compass", "spinner", "pwa", "author", "task_id", "monkey", "email"] {
            #expect(!SecretRules.isSecretName(name, header: true), "\(name)")
        }
    }

    @Test func shapes() {
        #expect(SecretRules.isJWT(SecretMaskTests.jwt))
        #expect(SecretRules.isRandomToken("Xy7kLm9NpQ2rSt4UvW6xYz8A"))
        #expect(!SecretRules.isRandomToken("6f1c2a9e-0b1d-4c3e-9f8a-7b6c5d4e3f2a"))
    }
}
