import CurlURL
import Testing

/// The allow-list check against the tricks that make two URL parsers disagree. The check is libcurl's own
/// parser (`curl_url()`), so the host it approves is the host libcurl connects to; the engine tests drive a few
/// of these through real requests (`AllowListEngineTests`).
@Suite struct AllowListSecurityTests {
    let list = HostAllowList(["allowed.example"])

    private func refused(_ url: String) -> Bool { list.refusal(for: url) != nil }

    @Test func userInfoCannotSmuggleAnotherHost() throws {
        #expect(list.refusal(for: "https://allowed.example@evil.example/") == .host("evil.example"))
        #expect(list.refusal(for: "https://allowed.example:443@evil.example/") == .host("evil.example"))
        #expect(list.refusal(for: "https://allowed.example%40evil.example/") != nil)
        #expect(refused("https://a@b@evil.example/"))
        // libcurl reads `\` as part of the user name, so this one goes to allowed.example — and is allowed:
        // the check follows the sender, not a browser (which would read evil.example and send nothing there).
        #expect(list.refusal(for: "https://evil.example\\@allowed.example/") == nil)
        #expect(try ParsedURL.parse("https://evil.example\\@allowed.example/").host == "allowed.example")
    }

    @Test func theFragmentAndQueryEndTheHost() {
        #expect(list.refusal(for: "https://evil.example#@allowed.example") == .host("evil.example"))
        #expect(list.refusal(for: "https://evil.example?@allowed.example/") == .host("evil.example"))
        #expect(list.refusal(for: "https://evil.example/@allowed.example/") == .host("evil.example"))
    }

    @Test func aLookAlikeHostIsAnotherHost() {
        #expect(list.refusal(for: "https://allowed.example.evil.example/") == .host("allowed.example.evil.example"))
        #expect(refused("https://evilallowed.example/"))
        #expect(refused("https://allowed.example%2f.evil.example/"))
        #expect(refused("https://evil.example%00.allowed.example/"))
        #expect(refused("https://allowed.example../"))
    }

    @Test func oneHostInEverySpelling() {
        for url in [
            "https://ALLOWED.EXAMPLE/x", "https://Allowed.Example./x", "https://%61llowed.example/",
            "https://allowed%2eexample/", "HTTPS://allowed.example:8443/x", "http://allowed.example:80/",
            "https://allowed.example:0/", "https://allowed.example", "https://allowed.example?x=1",
        ] {
            #expect(list.refusal(for: url) == nil, "\(url)")
        }
    }

    @Test func addressesCompareInLibcurlsSpelling() {
        let loopback = HostAllowList(["127.0.0.1", "[::1]"])
        for url in [
            "http://127.0.0.1:8787/", "http://127.1/", "http://2130706433/", "http://0x7f.0.0.1/", "http://[::1]:9/",
            "http://[0:0::1]/",
        ] {
            #expect(loopback.refusal(for: url) == nil, "\(url)")
        }
        #expect(loopback.refusal(for: "http://127.0.0.2/") == .host("127.0.0.2"))
        #expect(loopback.refusal(for: "http://0x7f.0.0.2/") == .host("127.0.0.2"))
        #expect(loopback.refusal(for: "http://[::2]/") == .host("::2"))
        #expect(loopback.refusal(for: "http://[::ffff:127.0.0.1]/") == .host("::ffff:127.0.0.1"), "not the same text")
        #expect(HostAllowList(["::1"]).hosts == ["::1"])
    }

    @Test func internationalNamesCompareAsLibcurlResolvesThem() {
        // libcurl converts an IDN host to punycode before resolving, and only in a UTF-8 locale; the check
        // takes the same conversion, so the host is either refused with curl or compared in punycode.
        let idn = HostAllowList(["xn--vil-9la.example"])
        switch idn.refusal(for: "https://évil.example/") {
        case nil: #expect(ParsedURL("https://ÉVIL.example/")?.host == "xn--vil-9la.example")
        case .notHTTP?: #expect(ParsedURL("https://évil.example/") == nil)
        case .host(let host)?: Issue.record("compared as \(host)")
        }
        #expect(HostAllowList(["évil.example"]).refusal(for: "https://évil.example/") != nil, "never the raw text")
    }

    @Test func onlyHTTPAndHTTPSPass() {
        for url in [
            "file:///etc/passwd", "ftp://allowed.example/", "gopher://allowed.example/", "dict://allowed.example/",
            "ldap://allowed.example/", "ws://allowed.example/", "javascript:alert(1)",
        ] {
            guard case .notHTTP? = list.refusal(for: url) else {
                Issue.record("\(url) was not refused as not http(s)")
                continue
            }
        }
    }

    @Test func whatLibcurlCannotReadIsRefused() {
        for url in [
            "http:/\\evil.example/", "http:\\\\evil.example/", "allowed.example/x", "//allowed.example/x",
            "/x", "", " https://allowed.example/", "https://allowed.example /x", "https://allowed.example\r\n/x",
            "https://allowed.example/x\r\nHost: evil.example", "https://allowed.example/a b",
            "https://allowed.example\t/",
            "https://allowed.example/\u{0}@evil.example", "https://", "https://:443/", "https://allowed.example:99999/",
        ] {
            guard case .notHTTP? = list.refusal(for: url) else {
                Issue.record("\(url.debugDescription) was not refused as unreadable")
                continue
            }
        }
    }

    @Test func theMessagesNameTheHostOrLibcurlsReason() {
        #expect(
            list.refusal(for: "https://evil.example/")?.description == "host evil.example is not in target.allow_hosts")
        #expect(
            list.refusal(for: "ftp://allowed.example/")?.description
                == "not an http(s) URL: the scheme is ftp, not http or https")
        #expect(list.refusal(for: "https://a b/")?.description == "not an http(s) URL: Bad hostname")
    }

    @Test func entriesAreBareHostNames() {
        #expect(HostAllowList.hostName("Staging.Example.COM.") == "staging.example.com")
        #expect(HostAllowList.hostName("[::1]") == "::1")
        #expect(HostAllowList.hostName("::1") == "::1")
        #expect(HostAllowList.hostName("127.1") == "127.0.0.1")
        for bad in [
            "", "example.com:8080", "https://example.com", "example.com/x", "user@example.com", "a b",
            "example.com#x", "example.com?x", "[::1]:80",
        ] {
            #expect(HostAllowList.hostName(bad) == nil, "\(bad)")
        }
        // An entry that is no host name matches nothing.
        let odd = HostAllowList(["example.com:8080"])
        #expect(odd.refusal(for: "http://example.com:8080/") == .host("example.com"))
    }
}
