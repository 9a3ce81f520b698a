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
        let again = FlowYAMLWriter.write(unnamed, comments: [])
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

    @Test func scalarsThatYAMLWouldMisreadAreQuoted() throws {
        let tricky = [
            "true", "No", "null", "~", "123", "0x1F", "1e5", "-1", ".5", "", " lead", "trail ", "a: b", "a #b",
            "{{token}}", "[x]", "*star", "&anchor", "!tag", "%percent", "@at", "`tick", "quote\"d", "back\\slash",
            "line\nbreak", "tab\there", "é ü", "\u{7F}", "\u{2028}", "- dash", "? q", "key:", "a,b", "#hash", "|", ">",
        ]
        for text in tricky {
            let yaml = "name: x\nheaders:\n  X-Value: \(YAMLText.scalar(text))\nsteps:\n  - get: /\n"
            let flow = try FlowDecoder.decode(
                yaml: yaml.replacingOccurrences(of: "{{token}}", with: "{{env.T}}"), file: "f.yaml")
            let expected = text == "{{token}}" ? "{{env.T}}" : text
            #expect(
                flow.headers.first?.value.description == expected, "\(text.debugDescription) → \(YAMLText.scalar(text))"
            )
        }
        #expect(YAMLText.scalar("application/json") == "application/json")
        #expect(YAMLText.scalar("/api/tasks") == "/api/tasks")
    }

    @Test func jsonBodiesKeepTheirTypes() throws {
        let value = JSONValue.parse(
            #"{"s": "12", "n": 12, "f": 1.5, "e": 1e-7, "b": false, "z": null, "emptyA": [], "emptyO": {}, "list": [1, "two", [3, {"four": 4}], {"k": "v", "w": [true]}], "odd key: x": "y"}"#
        )!
        let flow = Flow(
            name: "x",
            steps: [.request(RequestStep(name: "", method: "POST", url: Template(literal: "/"), body: .json(value)))])
        let decoded = try FlowDecoder.decode(yaml: FlowYAMLWriter.write(flow), file: "f.yaml")
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
        #expect(text.contains("  - flows/chrome.yaml\n"))
        #expect(text.contains("      email: { env: ROLE_EMAIL }\n"))
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
