import Foundation
import TestSupport
import Testing

@testable import Scenario

/// Issue 13 §4: every input is bounded and checked while loading, before anything is allocated or sent.
@Suite struct InputLimitTests {
    static let flow = "steps:\n  - get: /ok\n"

    /// Loads `profile` (at `p.yaml`) with in-memory files.
    static func load(_ profile: String, files: [String: String] = ["flow.yaml": flow]) -> ScenarioError? {
        let all = files.merging(["p.yaml": profile]) { $1 }
        let loader = ProfileLoader(environment: [:]) { path in
            guard let text = all[path] else { throw FileNotFound(path: path) }
            return text
        }
        return scenarioError { try loader.load(path: "p.yaml") }
    }

    static func profile(load: String, extra: String = "") -> String {
        "target: { base_url: \"http://127.0.0.1:9\" }\nflows: [flow.yaml]\nload: \(load)\n\(extra)"
    }

    @Test(arguments: [
        ("{ vus: 9223372036854775807, duration: 1s }", "load.vus", "over the limit of 100,000 VUs"),
        ("{ vus: 100001, duration: 1s }", "load.vus", "over the limit of 100,000 VUs"),
        ("{ vus: 1, iterations: 1000000001 }", "load.iterations", "over the limit of 1,000,000,000 iterations"),
        ("{ vus: 1, duration: 8d }", "load.duration", "bad duration"),
        ("{ vus: 1, duration: 169h }", "load.duration", "longer than the limit of 168h"),
        ("{ vus: 1, duration: 1s, graceful_stop: 2h }", "load.graceful_stop", "longer than the limit of 1h"),
        (
            "{ executor: constant-arrival-rate, rate: 2000000/s, duration: 1s, max_vus: 1 }", "load.rate",
            "over the limit of 1,000,000/s"
        ),
        (
            "{ executor: ramping-vus, stages: [{ duration: 1s, target: 200000 }] }", "load.stages[0].target",
            "over the limit of 100,000 VUs"
        ),
        (
            "{ executor: ramping-vus, stages: [{ duration: 100h, target: 1 }, { duration: 100h, target: 1 }] }",
            "load.stages", "longer than the limit of 168h"
        ),
        (
            "{ executor: constant-arrival-rate, rate: 1/s, duration: 1s, max_vus: 1, pre_allocated_vus: 1000000 }",
            "load.pre_allocated_vus", "over the limit of 100,000 VUs"
        ),
    ])
    func loadLimits(load: String, field: String, message: String) {
        let error = Self.load(Self.profile(load: load))
        #expect(error?.field == field, "\(String(describing: error))")
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }

    @Test func stagesAndScenariosTogetherAreBounded() {
        let stages = "[" + Array(repeating: "{ duration: 1s, target: 1 }", count: 1_001).joined(separator: ", ") + "]"
        let many = Self.load(Self.profile(load: "{ executor: ramping-vus, stages: \(stages) }"))
        #expect(many?.message == "1,001 stages are over the limit of 1,000")
        let scenarios = """
            target: { base_url: "http://127.0.0.1:9" }
            scenarios:
              a: { flow: flow.yaml, load: { vus: 60000, duration: 1s } }
              b: { flow: flow.yaml, load: { vus: 60000, duration: 1s } }
            """
        #expect(Self.load(scenarios)?.message.contains("120,000 VUs together, over the limit of 100,000") == true)
        let timeouts = Self.load(Self.profile(load: "{ vus: 1, duration: 1s }", extra: "timeouts: { request: 2h }"))
        #expect(timeouts?.field == "timeouts.request")
        let rate = Self.load(
            "target: { base_url: \"http://127.0.0.1:9\", max_rate: 5000000/s }\nflows: [flow.yaml]\n"
                + "load: { vus: 1, duration: 1s }")
        #expect(rate?.field == "target.max_rate")
    }

    @Test func groupsThinkTimesAndNetworkDelaysAreBounded() {
        let requests = Array(repeating: "{ get: /a }", count: 2_049).joined(separator: ", ")
        let wide = scenarioError { try decodeFlow("steps:\n  - group: g\n    requests: [\(requests)]\n") }
        #expect(wide?.message == "2,049 requests in one group are over the limit of 2,048")
        let think = scenarioError { try decodeFlow("steps:\n  - get: /a\n  - think: 1s..2h\n") }
        #expect(think?.message == "think time 2h is longer than the limit of 1h")
        let network = scenarioError { try NetworkDecoder.parse(commandLine: "{rtt: 2h}") }
        #expect(network?.message == "rtt 2h is longer than the limit of 1h")
    }

    @Test func csvFilesAreBoundedInRows() {
        let header = "email,password\n"
        let rows = String(repeating: "a@x,p\n", count: InputLimits.maxCSVRows + 1)
        let profile = Self.profile(
            load: "{ vus: 1, duration: 1s }", extra: "roles:\n  user: { csv: users.csv }\n")
        let error = Self.load(profile, files: ["flow.yaml": Self.flow, "users.csv": header + rows])
        #expect(error?.message == "1,000,001 accounts are over the limit of 1,000,000")
    }

    @Test func filesPastTheSizeLimitAreRefusedWithoutReadingThemWhole() throws {
        let folder = try TemporaryFolder("limits")
        defer { folder.remove() }
        let big = folder.path("big.yaml")
        FileManager.default.createFile(atPath: big, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: big))
        try handle.truncate(atOffset: UInt64(InputLimits.maxFileBytes + 10))  // a sparse file
        try handle.close()
        let error = scenarioError { try ProfileLoader(environment: [:]).load(path: big) }
        #expect(error?.message == "\(big) is not a text YAML file: it is over the limit of 32 MB")
        // A device that never ends is read no further than the limit.
        let zero = scenarioError { try ProfileLoader(environment: [:]).load(path: "/dev/zero") }
        #expect(zero?.message.contains("not a text YAML file") == true)
    }

    @Test func binaryFilesAreNotTextYAML() throws {
        let folder = try TemporaryFolder("limits")
        defer { folder.remove() }
        for (name, bytes, reason) in [
            ("nul.yaml", [0x44, 0x44, 0x00, 0x01, 0x44], "it holds NUL bytes (a binary file?)"),
            ("latin1.yaml", [0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xE9, 0xFF], "it is not UTF-8 text (a binary file?)"),
        ] as [(String, [UInt8], String)] {
            let path = folder.path(name)
            FileManager.default.createFile(atPath: path, contents: Data(bytes))
            let error = scenarioError { try ProfileLoader(environment: [:]).load(path: path) }
            #expect(error?.message == "\(path) is not a text YAML file: \(reason)", "\(name)")
        }
        let control = scenarioError { try decodeFlow("steps:\n  - get: /a\u{01}\n") }
        #expect(control?.message == "not a text YAML file: it holds control characters (U+0001) (a binary file?)")
    }

    /// A 1 KB alias bomb under `json:` and `check: json:` (a billion nodes), and one hashed as a mapping key.
    @Test(arguments: ["json:", "check:\n      json:\n        $.x:", "key"])
    func aliasBombsAreRefusedQuickly(place: String) {
        var lines = ["a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]"]
        for (previous, name) in zip("abcdefgh", "bcdefghi") {
            lines.append(
                "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ",") + "]")
        }
        let body = lines.map { "        " + $0 }.joined(separator: "\n")
        let yaml =
            place == "key"
            ? "steps:\n  - get: /a\n" + lines.joined(separator: "\n") + "\nk: { *i : 1 }\n"
            : "steps:\n  - post: /a\n    \(place)\n\(body)\n"
        let start = ContinuousClock.now
        let error = scenarioError { try decodeFlow(yaml) }
        #expect(
            error?.message.contains("once its aliases (*name) are expanded") == true, "\(String(describing: error))")
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test func aliasesOfLongTextAreBoundedInBytes() {
        let text = String(repeating: "x", count: 1 << 20)
        let yaml =
            "steps:\n  - post: /a\n    json:\n      a: &a \"\(text)\"\n      b: ["
            + Array(repeating: "*a", count: 100)
            .joined(separator: ",") + "]\n"
        #expect(scenarioError { try decodeFlow(yaml) }?.message.contains("64 MB of text") == true)
        // A few aliases of small values are fine.
        let fine =
            "headers: &h { Accept: application/json }\nsteps:\n  - { get: /a, headers: *h }\n  - { get: /b, headers: *h }\n"
        #expect(scenarioError { try decodeFlow(fine) } == nil)
    }

    @Test func headersThatWouldBreakTheirLineAreRefused() {
        let value = scenarioError {
            try decodeFlow("steps:\n  - get: /a\n    headers: { X-Test: \"abc\\r\\nX-Injected: yes\" }\n")
        }
        #expect(value?.field == "steps[0].headers.X-Test")
        #expect(value?.message == "the value of header X-Test holds a line break or NUL")
        let nul = scenarioError { try decodeFlow("headers: { X-A: \"a\\0b\" }\nsteps:\n  - get: /a\n") }
        #expect(nul?.message == "the value of header X-A holds a line break or NUL")
        let name = scenarioError { try decodeFlow("steps:\n  - get: /a\n    headers: { \"X-A\\nB\": x }\n") }
        #expect(name?.message == "a header name cannot hold a line break or NUL")
        let colon = scenarioError { try decodeFlow("steps:\n  - get: /a\n    headers: { \"X-A: b\": x }\n") }
        #expect(colon?.message == "a header name cannot hold \":\"")
        let type = scenarioError { try decodeFlow("steps:\n  - post: /a\n    body: x\n    content_type: \"a\\nb\"\n") }
        #expect(type?.message == "content_type holds a line break or NUL")
        #expect(HeaderText.firstBrokenLine(["A: 1", "X-Test: a\r\nB: c"]) == "X-Test")
    }

    @Test func portsPastTheRangeAreRefusedByValidate() {
        let base = Self.load(
            "target: { base_url: \"http://127.0.0.1:99999999\" }\nflows: [flow.yaml]\nload: { vus: 1, duration: 1s }")
        #expect(base?.field == "target.base_url")
        #expect(base?.hint?.contains("Port number") == true)
        let step = scenarioError { try decodeFlow("steps:\n  - get: http://127.0.0.1:99999999/a\n") }
        #expect(step?.message.contains("Port number was not a decimal number between 0 and 65535") == true)
    }

    @Test func overridesAreBoundedBeforeAnythingIsAllocated() throws {
        let flow = try decodeFlow(Self.flow)
        let profile = Profile(
            name: "p", target: Target(baseURL: "http://127.0.0.1:9", allowHosts: ["127.0.0.1"]), flows: [flow],
            roles: [Role(name: "r", accounts: [[:]])],
            load: LoadShape(executor: .constantVUs(vus: 1, duration: .seconds(1), rampUp: .zero)), timeouts: Timeouts())
        for (override, message) in [
            (LoadOverride(vus: 100_000_000), "--vus 100,000,000 is over the limit of 100,000 VUs"),
            (LoadOverride(vus: .max), "--vus 9,223,372,036,854,775,807 is over the limit of 100,000 VUs"),
            (
                LoadOverride(vus: 1, iterations: 2_000_000_000),
                "--iterations 2,000,000,000 is over the limit of 1,000,000,000"
            ),
            (LoadOverride(duration: "200h"), "--duration 200h is longer than the limit of 168h"),
        ] {
            #expect(throws: LoadOverrideError(message)) { try override.apply(to: profile) }
        }
    }
}
