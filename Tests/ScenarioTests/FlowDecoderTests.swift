import Testing

@testable import Scenario

@Suite struct FlowDecoderTests {
    static let documented = """
        name: dashboard
        headers:
          Accept: application/json
        steps:
          - name: login
            post: /api/login
            json:
              email: "{{role.email}}"
              password: "{{role.password}}"
              remember: true
              age: 41
            capture:
              token: { json: $.token }
            check:
              status: 200
          - think: 500ms
          - group: dashboard
            requests:
              - name: tasks
                get: /api/dashboard/tasks
                query: { limit: 50 }
                headers: { Authorization: "Bearer {{token}}" }
                check:
                  status: [200, 201]
                  body_contains: tasks
                  json: { $.ok: true }
                  max_duration: 2s
              - get: /api/me
                headers: { Authorization: "Bearer {{token}}" }
        """

    @Test func decodesTheDocumentedFlow() throws {
        let flow = try decodeFlow(Self.documented)
        #expect(flow.name == "dashboard")
        #expect(flow.headers == [Header(name: "Accept", value: Template(literal: "application/json"))])
        #expect(flow.continueOnFailure == false)
        #expect(flow.steps.count == 3)
        guard case .request(let login) = flow.steps[0], case .think(let think) = flow.steps[1],
            case .group(let group) = flow.steps[2]
        else {
            Issue.record("unexpected steps \(flow.steps)")
            return
        }
        #expect(login.name == "login" && login.method == "POST" && login.url == Template(literal: "/api/login"))
        #expect(login.source == SourceLocation(file: "flow.yaml", line: 5, column: 5))
        #expect(
            login.body
                == .json(
                    .object([
                        ("email", .string("{{role.email}}")), ("password", .string("{{role.password}}")),
                        ("remember", .bool(true)), ("age", .number(41)),
                    ])))
        #expect(login.captures == [Capture(name: "token", source: .json(try JSONPath.parse("$.token")))])
        #expect(login.checks == [.status([200])])
        #expect(think == .fixed(.milliseconds(500)))
        #expect(group.name == "dashboard")
        #expect(group.requests.map(\.name) == ["tasks", "GET /api/me"])
        let tasks = group.requests[0]
        #expect(tasks.query == [QueryItem(name: "limit", value: Template(literal: "50"))])
        #expect(tasks.headers == [Header(name: "Authorization", value: try Template.parse("Bearer {{token}}"))])
        #expect(
            tasks.checks == [
                .status([200, 201]), .bodyContains(Template(literal: "tasks")),
                .json(try JSONPath.parse("$.ok"), .bool(true)),
                .maxDuration(.seconds(2)),
            ])
    }

    @Test func defaultsNameFromFileAndUniqueDefaultStepNames() throws {
        let flow = try FlowDecoder.decode(
            yaml: """
                steps:
                  - get: /api/me
                  - get: /api/me?page=2
                  - name: "GET /api/me #3"
                    get: /api/other
                  - get: /api/me
                """, file: "Profiles/flows/browse.yaml")
        #expect(flow.name == "browse")
        let names = flow.steps.compactMap { if case .request(let r) = $0 { r.name } else { nil } }
        #expect(names == ["GET /api/me", "GET /api/me #2", "GET /api/me #3", "GET /api/me #4"])
    }

    @Test func bodiesAndThinkRanges() throws {
        let flow = try decodeFlow(
            """
            continue_on_failure: true
            steps:
              - put: /a
                form: { q: "a b", n: 1 }
              - patch: /b
                body: "id={{vu}}"
                content_type: text/plain
              - think: 1s..3s
              - delete: https://api.example.com/x
                capture:
                  rid: { header: X-Request-Id }
                  n: { regex: 'n=(\\d+)' }
            """)
        #expect(flow.continueOnFailure)
        guard case .request(let form) = flow.steps[0], case .request(let raw) = flow.steps[1],
            case .think(let think) = flow.steps[2], case .request(let del) = flow.steps[3]
        else {
            Issue.record("unexpected steps")
            return
        }
        #expect(
            form.body
                == .form([
                    QueryItem(name: "q", value: Template(literal: "a b")),
                    QueryItem(name: "n", value: Template(literal: "1")),
                ]))
        #expect(raw.body == .raw(try Template.parse("id={{vu}}"), contentType: "text/plain"))
        #expect(think == ThinkTime(minimum: .seconds(1), maximum: .seconds(3)))
        #expect(del.method == "DELETE" && del.name == "DELETE https://api.example.com/x")
        #expect(del.captures.map(\.source) == [.header("X-Request-Id"), .regex(#"n=(\d+)"#)])
    }

    @Test func malformedYAMLNamesFileAndLine() {
        let error = scenarioError { try decodeFlow("steps:\n  - get: /a\n    post: [1, 2\n") }
        #expect(error?.file == "flow.yaml")
        #expect(error?.line == 4)
        #expect(error?.message.hasPrefix("malformed YAML: ") == true)
    }

    @Test func unknownKeySuggestsTheClosestKey() {
        let error = scenarioError { try decodeFlow("steps:\n  - name: login\n    psot: /api/login\n") }
        #expect(
            error
                == ScenarioError(
                    file: "flow.yaml", line: 3, column: 5, field: "steps[0].psot", message: "unknown key \"psot\"",
                    hint: "did you mean \"post\"?"))
        let top = scenarioError { try decodeFlow("stpes:\n  - get: /a\n") }
        #expect(top?.field == "stpes" && top?.hint == "did you mean \"steps\"?")
        let far = scenarioError { try decodeFlow("steps:\n  - get: /a\n    zzzzzz: 1\n") }
        #expect(far?.hint?.hasPrefix("valid keys here: name, get, post") == true)
    }

    @Test func missingAndDuplicateMethods() {
        let missing = scenarioError { try decodeFlow("steps:\n  - name: x\n    headers: { A: b }\n") }
        #expect(missing?.line == 2 && missing?.column == 5 && missing?.field == "steps[0]")
        #expect(
            missing?.message
                == "missing method: a request step needs one of get, post, put, patch, delete, head, options")
        let two = scenarioError { try decodeFlow("steps:\n  - get: /a\n    post: /b\n") }
        #expect(
            two
                == ScenarioError(
                    file: "flow.yaml", line: 3, column: 5, field: "steps[0].post",
                    message: "two methods (get and post) in one step", hint: "split them into two steps"))
        let noSteps = scenarioError { try decodeFlow("name: x\n") }
        #expect(noSteps?.field == "steps" && noSteps?.message == "missing required key \"steps\"")
    }

    @Test func unknownCaptureSuggestsAnEarlierOne() {
        let yaml = """
            steps:
              - name: login
                post: /api/login
                capture:
                  token: { json: $.token }
              - get: /api/me
                headers: { Authorization: "Bearer {{tokn}}" }
            """
        #expect(
            scenarioError { try decodeFlow(yaml) }
                == ScenarioError(
                    file: "flow.yaml", line: 7, column: 31, field: "steps[1].headers.Authorization",
                    message: "unknown variable {{tokn}} in step \"GET /api/me\"", hint: "did you mean {{token}}?"))
    }

    @Test func captureFromASiblingInTheSameGroupIsAnError() {
        let yaml = """
            steps:
              - group: dash
                requests:
                  - get: /api/token
                    capture:
                      t: { header: X-T }
                  - get: /api/me
                    headers: { A: "{{t}}" }
            """
        let error = scenarioError { try decodeFlow(yaml) }
        #expect(error?.line == 8 && error?.column == 23 && error?.field == "steps[0].requests[1].headers.A")
        #expect(error?.message == "{{t}} is captured in the same group (by \"GET /api/token\"); groups run in parallel")
    }

    @Test func captureUsedBeforeItIsMade() {
        let yaml = "steps:\n  - get: /a/{{id}}\n  - get: /b\n    capture:\n      id: { json: $.id }\n"
        let error = scenarioError { try decodeFlow(yaml) }
        #expect(error?.field == "steps[0].get" && error?.message == "{{id}} is captured by a later step (\"GET /b\")")
    }

    @Test func explicitDuplicateNamesAreAnError() {
        let error = scenarioError {
            try decodeFlow("steps:\n  - name: login\n    get: /a\n  - name: login\n    get: /b\n")
        }
        #expect(
            error
                == ScenarioError(
                    file: "flow.yaml", line: 4, column: 11, field: "steps[1].name",
                    message: "duplicate step name \"login\" (first used on line 2)",
                    hint: "step and group names must be unique within a flow"))
    }

    @Test func badDurationsAndThinkRanges() {
        let bare = scenarioError { try decodeFlow("steps:\n  - think: 500\n") }
        #expect(
            bare
                == ScenarioError(
                    file: "flow.yaml", line: 2, column: 12, field: "steps[0].think",
                    message: "bad duration \"500\" — expected a number with a unit", hint: "add a unit, e.g. 500ms"))
        let reversed = scenarioError { try decodeFlow("steps:\n  - think: 3s..1s\n") }
        #expect(reversed?.message == "think range \"3s..1s\" has its minimum above its maximum")
        let check = scenarioError { try decodeFlow("steps:\n  - get: /a\n    check: { max_duration: 2 }\n") }
        #expect(check?.field == "steps[0].check.max_duration" && check?.hint == "add a unit, e.g. 2s")
    }

    @Test func invalidJSONPathAndRegex() {
        let path = scenarioError { try decodeFlow("steps:\n  - get: /a\n    capture:\n      t: { json: token }\n") }
        #expect(path?.line == 4 && path?.column == 18 && path?.field == "steps[0].capture.t.json")
        #expect(path?.message == "bad JSON path \"token\" — it must start with $")
        let checkPath = scenarioError {
            try decodeFlow("steps:\n  - get: /a\n    check:\n      json:\n        $.a[x]: 1\n")
        }
        #expect(checkPath?.field == "steps[0].check.json.$.a[x]" && checkPath?.line == 5)
        let regex = scenarioError { try decodeFlow("steps:\n  - get: /a\n    capture:\n      t: { regex: 'a(b' }\n") }
        #expect(regex?.field == "steps[0].capture.t.regex" && regex?.message == "invalid regex 'a(b'")
    }

    @Test func bodyAndTemplateMistakes() {
        let twoBodies = scenarioError {
            try decodeFlow("steps:\n  - post: /a\n    json: { a: 1 }\n    form: { b: 2 }\n")
        }
        #expect(
            twoBodies?.field == "steps[0].form" && twoBodies?.message == "a step has one body: json and form both given"
        )
        let contentType = scenarioError { try decodeFlow("steps:\n  - post: /a\n    json: {}\n    content_type: x\n") }
        #expect(contentType?.message == "content_type goes with body")
        let unterminated = scenarioError { try decodeFlow("steps:\n  - get: \"/a/{{id\"\n") }
        #expect(
            unterminated?.field == "steps[0].get" && unterminated?.message == "unterminated \"{{\" — no closing \"}}\"")
        let unquoted = scenarioError { try decodeFlow("steps:\n  - get: /a\n    headers:\n      A: {{x}}\n") }
        #expect(unquoted?.hint == "put quotes around values that start with {{, e.g. \"{{token}}\"")
        let relative = scenarioError { try decodeFlow("steps:\n  - get: api/me\n") }
        #expect(relative?.message == "bad URL \"api/me\" — expected a path starting with / or an http(s) URL")
        let status = scenarioError { try decodeFlow("steps:\n  - get: /a\n    check: { status: ok }\n") }
        #expect(status?.message == "expected a status such as 200 or a class such as 2xx, found \"ok\"")
    }

    @Test func flowLoaderReportsAMissingFile() {
        let error = scenarioError { try FlowLoader.load(path: "/nonexistent/flow.yaml") }
        #expect(
            error?.file == "/nonexistent/flow.yaml" && error?.message == "flow file not found: /nonexistent/flow.yaml")
    }
}
