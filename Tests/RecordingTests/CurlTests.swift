import Foundation
import Scenario
import Testing

@testable import Recording

/// "Copy as cURL (bash)" from Chrome and Firefox, and what people type by hand.
@Suite struct CurlTests {
    static let chrome = #"""
        curl 'https://staging.example.test/rest/v1/tasks?select=*' \
          -H 'accept: application/json' \
          -H 'apikey: sb-anon-Q29uc3RhbnRLZXkxMjM0NTY3ODkw' \
          -H 'authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJlLXZhbHVl' \
          -b 'sid=abcdef123456; theme=dark' \
          -H 'sec-ch-ua: "Chromium";v="124"' \
          -H 'user-agent: Mozilla/5.0' \
          --compressed
        """#

    static let firefox = #"""
        curl 'https://staging.example.test/api/login' -X POST -H 'User-Agent: Mozilla/5.0 Firefox/125.0' -H 'Accept: application/json' -H 'Content-Type: application/json' -H 'Origin: https://staging.example.test' --data-raw '{"email":"ada@example.test","password":"S3cret-Passw0rd!"}'
        """#

    static func words(_ text: String) throws -> [[String]] {
        try ShellWords.split(text).map { $0.map(\.text) }
    }

    @Test func shellQuoting() throws {
        #expect(
            try Self.words(#"curl 'a b' "c \"d\" \$e \\ \x" $'f\n\'g\x41\u00e9\xc3\xa9' h\ i"#) == [
                [
                    "curl", "a b", #"c "d" $e \ \x"#, "f\n'gAéé", "h i",
                ]
            ])
        #expect(try Self.words("curl a \\\n  -H x\\\r\n  b") == [["curl", "a", "-H", "x", "b"]])
        #expect(
            try Self.words("curl a; curl b && curl c\ncurl d # comment\n") == [
                ["curl", "a"], ["curl", "b"], ["curl", "c"], ["curl", "d"],
            ])
        #expect(try Self.words("curl 'x'\"y\"z") == [["curl", "xyz"]])
    }

    @Test func unterminatedQuoteIsLocated() {
        let error = Fixtures.importError { try CurlImport.run(text: "curl 'https://a.test/x' \\\n -H 'oops") }
        #expect(error?.description == "curl:2:5: error: unterminated single quote\n  hint: close the string with '")
    }

    @Test func chromeCommand() throws {
        let result = try CurlImport.run(text: Self.chrome)
        let request = try #require(result.flow.requests.first)
        #expect(request.method == "GET" && request.url.description == "/rest/v1/tasks")
        #expect(request.query.map { "\($0.name)=\($0.value)" } == ["select=*"])
        #expect(
            request.headers.map { "\($0.name): \($0.value)" } == [
                "accept: application/json", "apikey: {{env.APIKEY}}", "authorization: Bearer {{env.AUTH_TOKEN}}",
                "Cookie: sid={{env.COOKIE_SID}}; theme=dark",
            ])
        #expect(request.checks.isEmpty)
        for secret in ["sb-anon-Q29uc3RhbnRLZXkxMjM0NTY3ODkw", "eyJhbGciOiJIUzI1NiJ9", "abcdef123456"] {
            #expect(!result.yaml.contains(secret))
        }
        #expect(result.report.origins.mainOrigin == "https://staging.example.test" && result.flow.name == "curl")
    }

    @Test func firefoxCommandWithRoleFields() throws {
        let result = try CurlImport.run(text: Self.firefox)
        let request = try #require(result.flow.requests.first)
        #expect(request.method == "POST")
        #expect(
            request.body
                == .json(.object([("email", .string("{{role.email}}")), ("password", .string("{{role.password}}"))])))
        #expect(request.headers.map(\.name) == ["Accept", "Origin"])
        #expect(request.headers[1].value.description == "{{env.BASE_URL}}")
        #expect(!result.yaml.contains("S3cret") && !result.yaml.contains("ada@"))
    }

    @Test func severalCommandsBecomeSequentialSteps() throws {
        let text = Self.firefox + "\n" + Self.chrome + " && curl https://other.test:8443/health -sSL"
        let result = try CurlImport.run(text: text)
        #expect(
            result.flow.requests.map(\.name) == [
                "POST /api/login", "GET /rest/v1/tasks", "GET {{env.OTHER_BASE_URL}}/health",
            ])
        #expect(result.report.entries == 3)
        #expect(result.report.notes == ["--location: rehearse does not follow redirects; a 3xx is the response"])
    }

    @Test func dataForms() throws {
        let text = """
            curl https://a.test/form -d 'a=1' -d 'b=two words' --data-urlencode 'q=x&y z'
            curl https://a.test/search -G -d 'q=shoes' -d 'size=42'
            curl https://a.test/upload --data-binary $'line1\\nline2' -H 'Content-Type: text/plain'
            curl -XPUT https://a.test/items/1 --json '{"n": 1}'
            curl -I https://a.test/ping -u 'bob:pw-1234'
            curl --url https://a.test/x -k
            """
        let flow = try CurlImport.run(text: text).flow
        let r = flow.requests
        #expect(r[0].method == "POST")
        #expect(
            r[0].body
                == .form([
                    QueryItem(name: "a", value: Template(literal: "1")),
                    QueryItem(name: "b", value: Template(literal: "two words")),
                    QueryItem(name: "q", value: Template(literal: "x&y z")),
                ]))
        #expect(r[1].method == "GET" && r[1].query.map { "\($0.name)=\($0.value)" } == ["q=shoes", "size=42"])
        #expect(r[2].body == .raw(Template(literal: "line1\nline2"), contentType: "text/plain"))
        #expect(r[3].method == "PUT" && r[3].body == .json(.object([("n", .number(1))])))
        #expect(r[4].method == "HEAD" && r[4].headers.map(\.value.description) == ["Basic {{env.BASIC_AUTH}}"])
        #expect(r[5].url.description == "/x")
        let encoded = try CurlImport.run(
            text: "curl https://a.test/q --data-urlencode '=raw value' -H 'Content-Type: text/plain'")
        #expect(encoded.flow.requests.first?.body == .raw(Template(literal: "raw%20value"), contentType: "text/plain"))
    }

    @Test func unsupportedOptionsNameTheOptionAndWhere() {
        let typo = Fixtures.importError { try CurlImport.run(text: "curl https://a.test/x \\\n  --data-rwa 'x'") }
        #expect(
            typo?.description
                == "curl:2:3: error: unsupported curl option --data-rwa (command 1)\n  hint: did you mean --data-raw?")
        let form = Fixtures.importError { try CurlImport.run(text: "curl https://a.test/x -F 'file=@a.png'") }
        #expect(
            form?.message
                == "unsupported curl option --form (command 1): multipart bodies (-F/--form) are not supported by flows"
        )
        #expect(form?.column == 23)
        let short = Fixtures.importError { try CurlImport.run(text: "curl https://a.test/x -sZ") }
        #expect(short?.message == "unsupported curl option -Z (in \"-sZ\")")
        let file = Fixtures.importError { try CurlImport.run(text: "curl https://a.test/x -d @body.json") }
        #expect(file?.message == "--data @body.json: reading the body from a file is not supported")
        let cookies = Fixtures.importError { try CurlImport.run(text: "curl https://a.test/x -b cookies.txt") }
        #expect(cookies?.message == "--cookie cookies.txt: reading cookies from a file is not supported")
    }

    @Test func otherMistakes() {
        #expect(Fixtures.importError { try CurlImport.run(text: "   \n") }?.message == "no curl command found")
        #expect(
            Fixtures.importError { try CurlImport.run(text: "wget https://a.test/") }?.message
                == "command 1 is \"wget\", not curl")
        #expect(Fixtures.importError { try CurlImport.run(text: "curl -H 'A: b'") }?.message == "command 1 has no URL")
        #expect(
            Fixtures.importError { try CurlImport.run(text: "curl https://a.test/x -H") }?.message
                == "--header needs a value (command 1)")
        #expect(
            Fixtures.importError { try CurlImport.run(text: "curl https://a.test/a https://a.test/b") }?.message
                == "command 1 has a second URL \"https://a.test/b\"")
        #expect(
            Fixtures.importError { try CurlImport.run(text: "curl ftp://a.test/x") }?.message
                == "\"ftp://a.test/x\" is not an http(s) URL (command 1): the scheme is ftp, not http or https")
        #expect(
            Fixtures.importError { try CurlImport.run(text: "curl https://a.test/x | jq .") }?.message
                == "command 2 is \"jq\", not curl")
        let cmd = Fixtures.importError { try CurlImport.run(text: "curl ^\"https://a.test/^\" -H ^\"A: b^\"") }
        #expect(cmd?.message == "this looks like Windows cmd syntax (^ escapes)")
    }
}

extension CurlTests {
    @Test func getDataGoesBeforeTheFragment() throws {
        let result = try CurlImport.run(text: "curl -G 'https://x.test/api/a#top' -d q=1")
        let request = try #require(result.flow.requests.first)
        #expect(request.url.description == "/api/a")
        #expect(request.query.map(\.name) == ["q"])
    }

    @Test func userInfoInTheURLIsBasicAuth() throws {
        let result = try CurlImport.run(text: "curl 'https://bob:s3cretpw@x.test/a'")
        #expect(!result.yaml.contains("s3cretpw"))
        let expected = Data("bob:s3cretpw".utf8).base64EncodedString()
        #expect(!result.yaml.contains(expected))
        let request = try #require(result.flow.requests.first)
        #expect(request.url.description == "/a")
        #expect(request.headers.first { $0.name == "Authorization" }?.value.description == "Basic {{env.BASIC_AUTH}}")
        #expect(result.report.origins.mainOrigin == "https://x.test")
    }
}

extension CurlTests {
    /// Issue 13 §4: `import curl` never writes a header (or method) that would break its line into a flow.
    @Test func lineBreaksInHeadersAndMethodsAreRefused() {
        for (text, option) in [
            ("curl http://127.0.0.1/x -H $'X-Test: abc\\r\\nX-Injected: yes'", "--header"),
            ("curl http://127.0.0.1/x -X $'GET\\r\\nX: y'", "--request"),
            ("curl http://127.0.0.1/x -A $'agent\\nX: y'", "--user-agent"),
            ("curl http://127.0.0.1/x -b $'a=b\\r\\nX: y'", "--cookie"),
        ] {
            let error = Fixtures.importError { try CurlImport.run(text: text) }
            #expect(error?.message == "\(option): the value holds a line break or NUL (command 1)", "\(text)")
            #expect(error.map { !$0.description.contains("Injected") && !$0.description.contains("\r") } == true)
        }
        let name = Fixtures.importError { try CurlImport.run(text: "curl http://127.0.0.1/x -H 'X A: b'") }
        #expect(name?.message == "--header: a header name cannot hold \" \" (command 1)")
    }
}
