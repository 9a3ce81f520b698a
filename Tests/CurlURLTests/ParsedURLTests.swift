import CurlURL
import Testing

/// libcurl's URL parser as the project sees it: the parts, their one spelling, and what is refused.
@Suite struct ParsedURLTests {
    @Test func splitsAnAbsoluteURLIntoItsParts() throws {
        let url = try ParsedURL.parse("HTTPS://bob:pw@Staging.Example.com:8443/api/../v1/tasks?limit=5#top")
        #expect(url.scheme == "https")
        #expect(url.host == "staging.example.com")
        #expect(url.port == 8443 && url.hasExplicitPort && !url.hasDefaultPort)
        #expect(url.path == "/v1/tasks", "dot segments resolved, as curl sends the path")
        #expect(url.query == "limit=5" && url.fragment == "top")
        #expect(url.hasUserInfo)
    }

    @Test func defaultsPortAndPath() throws {
        let http = try ParsedURL.parse("http://h")
        #expect(http.port == 80 && !http.hasExplicitPort && http.hasDefaultPort && http.path == "/")
        #expect(http.query == nil && http.fragment == nil && !http.hasUserInfo)
        let https = try ParsedURL.parse("https://h:443/")
        #expect(https.port == 443 && https.hasExplicitPort && https.hasDefaultPort)
    }

    @Test func hostsHaveOneSpelling() throws {
        let cases: [(String, String)] = [
            ("http://EXAMPLE.com/", "example.com"),
            ("http://example.com./", "example.com"),
            ("http://%65xample.com/", "example.com"),
            ("http://[::1]:8080/", "::1"),
            ("http://[0:0::1]/", "::1"),
            ("http://[::1%25lo]/", "::1"),
            ("http://127.1/", "127.0.0.1"),
            ("http://2130706433/", "127.0.0.1"),
            ("http://0x7f.0.0.1/", "127.0.0.1"),
        ]
        for (text, host) in cases {
            #expect(try ParsedURL.parse(text).host == host, "\(text)")
        }
        #expect(try ParsedURL.parse("http://[::1]/").isIPv6)
        #expect(try !ParsedURL.parse("http://127.0.0.1/").isIPv6)
    }

    @Test func refusesWhatIsNotAnHTTPURLWithLibcurlsReason() {
        let cases: [(String, String)] = [
            ("ftp://files.example/x", "the scheme is ftp, not http or https"),
            ("file:///etc/passwd", "the scheme is file, not http or https"),
            ("/users", "Bad scheme"),
            ("example.com/x", "Bad scheme"),
            ("http://", "No host part in the URL"),
            ("http://a b/", "Bad hostname"),
            ("http://h:99999/", "Port number was not a decimal number between 0 and 65535"),
            ("http://h/a\u{0}@evil/", "the URL holds a NUL character"),
        ]
        for (text, message) in cases {
            #expect(throws: URLParseError.self, "\(text)") { try ParsedURL.parse(text) }
            #expect((try? ParsedURL.parse(text)) == nil)
            do {
                _ = try ParsedURL.parse(text)
            } catch {
                #expect(error.message == message, "\(text)")
            }
            #expect(ParsedURL(text) == nil)
        }
    }
}

/// Step URLs joined to the base URL, as the README's "Flow" section documents.
@Suite struct URLJoinTests {
    @Test func appendsAPathToTheBasePathWithOneSlash() {
        #expect(URLJoin.join(base: "https://h/api", relative: "/users") == "https://h/api/users")
        #expect(URLJoin.join(base: "https://h/api/", relative: "/users") == "https://h/api/users")
        #expect(URLJoin.join(base: "https://h/api//", relative: "users") == "https://h/api/users")
        #expect(URLJoin.join(base: "https://h", relative: "/users?x=1") == "https://h/users?x=1")
        #expect(URLJoin.join(base: "https://h/", relative: "") == "https://h")
    }

    @Test func keepsAbsoluteURLsAndNeverReadsAPathAsAHost() {
        #expect(URLJoin.join(base: "https://h/api", relative: "https://cdn.example/x") == "https://cdn.example/x")
        #expect(URLJoin.join(base: "https://h/api", relative: "HTTP://cdn.example/x") == "HTTP://cdn.example/x")
        // Not `scheme://`: a path on the base host (a protocol-relative `//host` included).
        #expect(URLJoin.join(base: "https://h", relative: "//evil.example/x") == "https://h//evil.example/x")
        #expect(URLJoin.join(base: "https://h", relative: "evil.example/x") == "https://h/evil.example/x")
        #expect(URLJoin.join(base: "https://h", relative: "id:42") == "https://h/id:42")
        #expect(URLJoin.join(base: "https://h", relative: "evil.example:80/x") == "https://h/evil.example:80/x")
        // Other schemes are absolute too: the allow-list then refuses them instead of sending them as a path.
        #expect(URLJoin.isAbsolute("ftp://evil.example/"))
        #expect(URLJoin.isAbsolute("https://"), "a template's literal start, its host still to come")
        #expect(!URLJoin.isAbsolute("/users") && !URLJoin.isAbsolute("{{next}}"))
    }
}

/// What is printed: never the user info.
@Suite struct URLTextTests {
    @Test func dropsUserInfoOnly() throws {
        #expect(URLText.withoutUserInfo("https://bob:s3cret@h.example/x?q=1") == "https://h.example/x?q=1")
        #expect(URLText.withoutUserInfo("https://h.example:8443/x") == "https://h.example:8443/x")
        #expect(URLText.withoutUserInfo("http://127.0.0.1:8787") == "http://127.0.0.1:8787", "unchanged")
        #expect(!URLText.withoutUserInfo("http://bob:s3cret@bad host/").contains("s3cret"))
        #expect(URLText.withoutUserInfo("not a url") == "not a url")
    }

    @Test func splitsDecodedUserInfoAndDropsTheFragment() throws {
        let split = try URLText.splitUserInfo("https://b%40b:p%3Aw@h.example/x#frag", droppingFragment: true)
        #expect(split.url == "https://h.example/x")
        #expect(split.userInfo == "b@b:p:w")
        let plain = try URLText.splitUserInfo("https://h.example/x#frag")
        #expect(plain.url == "https://h.example/x#frag" && plain.userInfo == nil)
    }
}

@Suite("Redirect targets")
struct RedirectTargetTests {
    @Test func locationsResolveAsLibcurlFollowsThem() {
        let from = "http://127.0.0.1:8080/a/b?x=1"
        #expect(URLJoin.redirect(from: from, to: "/login") == "http://127.0.0.1:8080/login")
        #expect(URLJoin.redirect(from: from, to: "c") == "http://127.0.0.1:8080/a/c")
        #expect(URLJoin.redirect(from: from, to: "https://other.test/x") == "https://other.test/x")
        #expect(URLJoin.redirect(from: from, to: "//other.test/y") == "http://other.test/y")
        #expect(URLJoin.redirect(from: from, to: "?page=2") == "http://127.0.0.1:8080/a/b?page=2")
    }
}
