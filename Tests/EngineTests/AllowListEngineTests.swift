import Engine
import Foundation
import Metrics
import Scenario
import TestSupport
import Testing

/// The allow-list in the running engine: a templated URL whose rendered text tries to leave the allowed host is
/// counted `blocked` and never sent, and one the check approves goes exactly where the check said. Everything
/// stays on loopback: the allowed server on 127.0.0.1, the "evil" one on 127.0.0.2.
@Suite("Allow-list through the engine")
struct AllowListEngineTests {
    /// Each case is one step whose URL is `{{env.NAME}}`; `sentTo` is the server expected to get it, if any.
    private struct Case {
        var name: String
        var url: String
        var sent: Bool
    }

    @Test func renderedURLsGoWhereTheCheckSaysOrNowhere() throws {
        let good = try TestServer.start()
        defer { good.shutdown() }
        let evil = try TestServer.start(host: "127.0.0.2")
        defer { evil.shutdown() }
        let g = good.port
        let e = evil.port
        let cases = [
            Case(name: "userinfo", url: "http://127.0.0.1:\(g)@127.0.0.2:\(e)/c-userinfo", sent: false),
            Case(name: "fragment", url: "http://127.0.0.2:\(e)#@127.0.0.1:\(g)/c-fragment", sent: false),
            Case(name: "hexaddress", url: "http://0x7f.0.0.2:\(e)/c-hexaddress", sent: false),
            Case(name: "gopher", url: "gopher://127.0.0.1:\(g)/c-gopher", sent: false),
            Case(name: "file", url: "file:///etc/hostname", sent: false),
            Case(name: "crlf", url: "http://127.0.0.1:\(g)/c-crlf\r\nHost: 127.0.0.2", sent: false),
            // libcurl reads the backslash as part of the user name: the request goes to 127.0.0.1, as approved.
            Case(name: "backslash", url: "http://127.0.0.2\\@127.0.0.1:\(g)/c-backslash", sent: true),
            // Other spellings of the allowed address, as libcurl rewrites them.
            Case(name: "decimal", url: "http://2130706433:\(g)/c-decimal", sent: true),
            Case(name: "percent", url: "http://%31%32%37.0.0.1:\(g)/c-percent", sent: true),
            // Not `scheme://`: joined to the base URL as a path, so it stays on the allowed host.
            Case(name: "protocolrelative", url: "//127.0.0.2:\(e)/c-protocolrelative", sent: true),
        ]
        var environment: [String: String] = [:]
        var steps: [String] = []
        for c in cases {
            environment["U_\(c.name.uppercased())"] = c.url
            steps.append("  - { name: \(c.name), get: \"{{env.U_\(c.name.uppercased())}}\" }")
        }
        let h = try EngineHarness()
        let profile = try h.profile(
            EngineHarness.profileYAML(base: good.baseURL, vus: 1, end: "iterations: 1"),
            flow: "continue_on_failure: true\nsteps:\n" + steps.joined(separator: "\n") + "\n",
            environment: environment)
        let (_, summary) = h.run(profile, workers: 1, environment: environment)
        for c in cases {
            let step = summary.steps.first { $0.step == c.name }
            let blocked = step?.errors["blocked"] ?? 0
            #expect(step?.requests == 1, "\(c.name)")
            #expect(blocked == (c.sent ? 0 : 1), "\(c.name): \(step?.messages ?? [:])")
        }
        #expect(evil.requestCount() == 0 && evil.connectionCount == 0, "nothing ever reached 127.0.0.2")
        #expect(good.requestCount(path: "/c-backslash") == 1)
        #expect(good.requestCount(path: "/c-decimal") == 1)
        #expect(good.requestCount(path: "/c-percent") == 1)
        #expect(good.requestCount(path: "//127.0.0.2:\(e)/c-protocolrelative") == 1)
        #expect(good.requestCount() == 4, "only the approved cases were sent")
        let messages = summary.steps.flatMap { $0.messages.keys }.joined(separator: "\n")
        #expect(messages.contains("host 127.0.0.2 is not in target.allow_hosts"))
        #expect(messages.contains("not an http(s) URL: the scheme is gopher, not http or https"))
    }

    @Test func aLiteralURLOutsideTheListIsBlockedEvenInAPlanBuiltInCode() throws {
        let good = try TestServer.start()
        defer { good.shutdown() }
        let evil = try TestServer.start(host: "127.0.0.2")
        defer { evil.shutdown() }
        let h = try EngineHarness()
        var profile = try h.profile(
            EngineHarness.profileYAML(base: good.baseURL, vus: 1, end: "iterations: 2"),
            flow: "continue_on_failure: true\nsteps:\n  - { name: home, get: /ok }\n")
        // The loader refuses such a step; a profile changed in code after loading reaches the engine anyway.
        let step = RequestStep(name: "elsewhere", method: "GET", url: Template(literal: evil.baseURL + "/ok"))
        profile.scenarios[0].flows[0].steps.append(.request(step))
        let (_, summary) = h.run(profile, workers: 1)
        #expect(summary.steps.first { $0.step == "elsewhere" }?.errors["blocked"] == 2)
        #expect(evil.requestCount() == 0)
        #expect(good.requestCount(path: "/ok") == 2)
    }
}
