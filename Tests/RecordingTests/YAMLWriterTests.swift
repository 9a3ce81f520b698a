import Foundation
import Scenario
import Testing

@testable import Recording

/// The YAML writer: stable, correctly quoted, and every flow it writes loads with `FlowDecoder`.
@Suite struct YAMLWriterTests {
    @Test(arguments: ["chrome.har", "firefox.har", "safari.har", "mitmproxy.har", "charles.har"])
    func everyImportedFlowLoadsBackToTheSameSteps(_ fixture: String) throws {
        let result = try Fixtures.importHAR(fixture)
        let decoded = try FlowDecoder.decode(yaml: result.yaml, file: result.flow.name + ".yaml")
        #expect(decoded == result.flow)
        // Writing the loaded flow again gives the same text (names as the loader gave them aside).
        var unnamed = decoded
        unnamed.steps = unnamed.steps.map(Self.clearingNames)
        let again = try FlowYAMLWriter.write(unnamed, comments: [])
        #expect(result.yaml.hasSuffix(again))
    }

    static func clearingNames(_ step: Step) -> Step {
        switch step {
        case .request(var r):
            r.name = ""
            return .request(r)
        case .group(var g):
            g.requests = g.requests.map {
                var r = $0
                r.name = ""
                return r
            }
            return .group(g)
        case .think: return step
        }
    }

    /// Strings YAML could misread (types, indicators, comments, breaks, Unicode, templates), in every place the
    /// writer puts text: written through Yams, they load back exactly.
    static let nasty = [
        ": ", "a: b", "key:", "a #b", "#hash", "*star", "&anchor", "!tag", "!!str", "@at", "`tick", "%percent",
        "%YAML 1.1", "yes", "No", "ON", "off", "y", "n", "true", "False", "null", "Null", "~", "", " ", " lead",
        "trail ", "0123", "1e3", "1E3", "0x1F", "0o17", "1_000", ".5", "-1", "+1", ".inf", "-.Inf", ".NaN", "1:30",
        "2001-12-14", "<<", "=", "- dash", "-", "? q", "?", "a,b", "[x]", "{x}", "}", "|", ">", "'single'",
        "\"double\"", "back\\slash", "line\nbreak", "two\n\nlines\n", "trailing newline\n", "\nleading",
        "  indented\nlines", "tab\there", "\ttab", "cr\r\nlf", "nel\u{85}x", "ls\u{2028}x", "ps\u{2029}x",
        "bom\u{FEFF}x", "del\u{7F}", "nul\u{0}x", "bell\u{7}", "nbsp\u{A0}x", "é ü", "日本語", "emoji 😀",
        "zero\u{200B}width", "---", "...", "--- x", "{{env.X}}", "Bearer {{env.TOKEN}}", "a {{env.X}}: b #{{vu}}",
        String(repeating: "long ", count: 60),
    ]

    @Test(arguments: nasty)
    func nastyStringsRoundTripExactly(_ text: String) throws {
        let value = try Template.parse(text)
        // A header or content type is one line: those with a line break or NUL are refused (InputLimitTests).
        let oneLine = HeaderText.breaksLine(text) ? Template(literal: "one line") : value
        let name = text.isEmpty ? "empty" : text
        let list = JSONValue.array([.string(text), .object([(text, .null)])])
        let json = JSONValue.object([(text, .string(text)), ("list", list)])
        let path = JSONPath(text: "$.x", components: [.key("x")])
        let regex = NSRegularExpression.escapedPattern(for: "r" + text)
        let flow = Flow(
            name: name, headers: [Header(name: "X-Flow", value: oneLine)],
            steps: [
                .request(
                    RequestStep(
                        name: name, method: "POST", url: try Template.parse("/p/" + text),
                        query: [QueryItem(name: text, value: value)], headers: [Header(name: "X-Step", value: oneLine)],
                        body: .raw(value, contentType: text.isEmpty || HeaderText.breaksLine(text) ? nil : text),
                        checks: [.bodyContains(value), .json(path, .string(text))])),
                .group(
                    GroupStep(
                        name: "group " + name,
                        requests: [
                            RequestStep(name: "json", method: "PUT", url: Template(literal: "/j"), body: .json(json)),
                            RequestStep(
                                name: "form", method: "PATCH", url: Template(literal: "/f"),
                                body: .form([QueryItem(name: text, value: value)]),
                                captures: [Capture(name: "c", source: .regex(regex))]),
                        ])),
            ])
        let yaml = try FlowYAMLWriter.write(flow, comments: ["a comment with \(text)"])
        let back = try FlowDecoder.decode(yaml: yaml, file: "f.yaml")
        #expect(back.name == flow.name, "\(yaml)")
        #expect(back.headers == flow.headers, "\(yaml)")
        #expect(Self.withoutSources(back.steps) == flow.steps, "\(yaml)")
    }

    static func withoutSources(_ steps: [Step]) -> [Step] {
        steps.map { step in
            switch step {
            case .request(var r):
                r.source = nil
                return .request(r)
            case .group(var g):
                g.source = nil
                g.requests = g.requests.map {
                    var r = $0
                    r.source = nil
                    return r
                }
                return .group(g)
            case .think: return step
            }
        }
    }

    @Test func quotingIsOnlyWhereYAMLNeedsIt() throws {
        let flow = Flow(
            name: "plain",
            steps: [
                .request(
                    RequestStep(
                        name: "", method: "GET", url: Template(literal: "/api/tasks"),
                        headers: [
                            Header(name: "Accept", value: Template(literal: "application/json")),
                            Header(name: "Authorization", value: try Template.parse("Bearer {{token}}")),
                            Header(name: "X-Count", value: Template(literal: "0123")),
                            Header(name: "X-Flag", value: Template(literal: "yes")),
                        ],
                        checks: [.status([200, 201])])),
                .think(ThinkTime(minimum: .milliseconds(850), maximum: .seconds(2))),
            ])
        let yaml = try FlowYAMLWriter.write(flow, comments: ["Imported from x.har", "two\nlines"])
        #expect(yaml.hasPrefix("# Imported from x.har\n# two lines\nname: plain\n"))
        #expect(yaml.contains("- get: /api/tasks\n"))
        #expect(yaml.contains("Accept: application/json\n"))
        #expect(yaml.contains("Authorization: Bearer {{token}}\n"))
        #expect(yaml.contains("X-Count: '0123'\n") && yaml.contains("X-Flag: 'yes'\n"))
        #expect(yaml.contains("status: [200, 201]\n"))
        #expect(yaml.contains("- think: 850ms..2s\n"))
    }

    @Test func jsonBodiesKeepTheirTypes() throws {
        let value = JSONValue.parse(
            #"{"s": "12", "n": 12, "f": 1.5, "e": 1e-7, "b": false, "z": null, "emptyA": [], "emptyO": {}, "list": [1, "two", [3, {"four": 4}], {"k": "v", "w": [true]}], "odd key: x": "y"}"#
        )!
        let flow = Flow(
            name: "x",
            steps: [.request(RequestStep(name: "", method: "POST", url: Template(literal: "/"), body: .json(value)))])
        let decoded = try FlowDecoder.decode(yaml: try FlowYAMLWriter.write(flow), file: "f.yaml")
        guard case .json(let back)? = decoded.requests.first?.body else {
            Issue.record("no json body")
            return
        }
        #expect(back == value)
    }

    @Test func durations() {
        #expect(YAMLText.duration(.milliseconds(850)) == "850ms")
        #expect(YAMLText.duration(.milliseconds(1250)) == "1.25s")
        #expect(YAMLText.duration(.seconds(5)) == "5s")
        #expect(YAMLText.duration(.milliseconds(2095)) == "2.095s")
    }

    @Test func profileNextToTheFlow() throws {
        let result = try Fixtures.importHAR("chrome.har")
        let text = ProfileYAMLWriter.write(
            report: result.report, flowName: "chrome", flowPath: "Profiles/flows/chrome.yaml",
            profilePath: "Profiles/chrome.yaml", workingDirectory: "/w")
        #expect(text.contains("\nflows:\n- flows/chrome.yaml\n"))
        #expect(text.contains("      email: {env: ROLE_EMAIL}\n"))
        #expect(text.contains("  base_url: '{{env.BASE_URL}}'\n"))
        let folder = try Fixtures.temporary("", name: "unused")
        let directory = (folder as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory + "/flows", withIntermediateDirectories: true)
        try result.yaml.write(toFile: directory + "/flows/chrome.yaml", atomically: true, encoding: .utf8)
        try text.write(toFile: directory + "/chrome.yaml", atomically: true, encoding: .utf8)
        let environment = [
            "BASE_URL": "http://127.0.0.1:9", "ROLE_EMAIL": "e@x.test", "ROLE_PASSWORD": "pw",
            "APIKEY": "k", "COOKIE_LEGACY_SID": "c",
        ]
        let profile = try ProfileLoader(environment: environment).load(path: directory + "/chrome.yaml")
        #expect(profile.flows.map(\.name) == ["chrome"] && profile.roles.map(\.name) == ["user"])
        #expect(ProfileYAMLWriter.relative("/abs/flow.yaml", from: "/w/p.yaml") == "../abs/flow.yaml")
        #expect(ProfileYAMLWriter.relative("/w/a/b/flow.yaml", from: "/w/a/c/p.yaml") == "../b/flow.yaml")
        #expect(ProfileYAMLWriter.absolute("../p.yaml", in: "/w/sub") == "/w/p.yaml")
        #expect(ProfileYAMLWriter.absolute("./a/../b.yaml", in: "/w") == "/w/b.yaml")
    }
}
