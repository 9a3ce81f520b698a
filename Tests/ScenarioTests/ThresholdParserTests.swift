import Testing

@testable import Scenario

/// The threshold language: `METRIC [ ( TAG:VALUE {, TAG:VALUE} ) ] OP VALUE`.
@Suite struct ThresholdParserTests {
    func parse(_ text: String) throws -> Threshold { try ThresholdParser.parse(text) }

    func failure(_ text: String) -> ParseFailure? {
        do {
            _ = try ThresholdParser.parse(text)
            Issue.record("expected \"\(text)\" to fail")
            return nil
        } catch {
            return error
        }
    }

    @Test func parsesTheDocumentedExamples() throws {
        #expect(
            try parse("p95(group:dashboard, role:user) < 800ms")
                == Threshold(
                    text: "p95(group:dashboard, role:user) < 800ms", metric: .p95,
                    filters: [ThresholdFilter(.group, "dashboard"), ThresholdFilter(.role, "user")], op: .less,
                    value: 800))
        #expect(try parse("timeouts == 0") == Threshold(text: "timeouts == 0", metric: .timeouts, op: .equal, value: 0))
        #expect(
            try parse("error_rate < 1%")
                == Threshold(text: "error_rate < 1%", metric: .errorRate, op: .less, value: 0.01))
        #expect(
            try parse("p99(step:login) <= 2s")
                == Threshold(
                    text: "p99(step:login) <= 2s", metric: .p99, filters: [ThresholdFilter(.step, "login")],
                    op: .lessOrEqual,
                    value: 2000))
        #expect(
            try parse("rate(role:admin) > 10/s")
                == Threshold(
                    text: "rate(role:admin) > 10/s", metric: .rate, filters: [ThresholdFilter(.role, "admin")],
                    op: .greater,
                    value: 10))
        #expect(try parse("max < 5s").value == 5000)
        #expect(
            try parse("requests >= 100")
                == Threshold(text: "requests >= 100", metric: .requests, op: .greaterOrEqual, value: 100))
    }

    @Test func everyMetricAndOperatorIsSpelledAsDocumented() throws {
        let values: [ThresholdMetric.Kind: String] = [.latency: "1s", .count: "3", .fraction: "2%", .perSecond: "4/s"]
        for metric in ThresholdMetric.allCases {
            for op in ThresholdOperator.allCases {
                let t = try parse("\(metric.rawValue) \(op.rawValue) \(values[metric.kind]!)")
                #expect(t.metric == metric && t.op == op)
            }
        }
        #expect(try parse("p99.9 < 1s").metric == .p999)
        #expect(try parse("spinner_rate<=5%").op == .lessOrEqual)  // spaces are optional
        #expect(try parse("  P95 < 1s  ").text == "P95 < 1s")
    }

    @Test func valuesAreReadInTheMetricsUnit() throws {
        #expect(try parse("p50 < 500us").value == 0.5)
        #expect(try parse("mean < 1.5s").value == 1500)
        #expect(try parse("p90 < 2m").value == 120_000)
        #expect(try parse("error_rate < 0.01").value == 0.01)
        #expect(try parse("timeout_rate < 0.5%").value == 0.005)
        #expect(try parse("spinner_rate == 0").value == 0)
        #expect(try parse("rate > 12.5").value == 12.5)
        #expect(try parse("checks == 0").value == 0)
    }

    @Test func quotedValuesMayHoldSpacesCommasAndColons() throws {
        let t = try parse(#"p95(step:"GET /api/me", flow:'a, b: c') < 1s"#)
        #expect(t.filters == [ThresholdFilter(.step, "GET /api/me"), ThresholdFilter(.flow, "a, b: c")])
        #expect(t.filter(.step) == "GET /api/me" && t.filter(.role) == nil)
    }

    @Test func operatorsCompareObservedWithTheLimit() {
        #expect(ThresholdOperator.less.holds(1, 2) && !ThresholdOperator.less.holds(2, 2))
        #expect(ThresholdOperator.lessOrEqual.holds(2, 2) && !ThresholdOperator.lessOrEqual.holds(3, 2))
        #expect(ThresholdOperator.greater.holds(3, 2) && !ThresholdOperator.greater.holds(2, 2))
        #expect(ThresholdOperator.greaterOrEqual.holds(2, 2) && !ThresholdOperator.greaterOrEqual.holds(1, 2))
        #expect(ThresholdOperator.equal.holds(0, 0) && !ThresholdOperator.equal.holds(1, 0))
        #expect(ThresholdOperator.notEqual.holds(1, 0) && !ThresholdOperator.notEqual.holds(0, 0))
    }

    // MARK: errors

    @Test func unknownMetricSuggestsTheClosest() {
        #expect(
            failure("p59 < 1s")
                == ParseFailure(
                    "unknown metric \"p59\"", hint: "the percentiles are p50, p90, p95, p99 and p99.9"))
        #expect(
            failure("error_rat < 1%") == ParseFailure("unknown metric \"error_rat\"", hint: "did you mean error_rate?"))
        #expect(failure("timeout < 1")?.hint == "did you mean timeouts?")
        #expect(
            failure("latency < 1s")?.hint?.hasPrefix("metrics: p50, p90, p95, p99, p99.9, max, mean, requests") == true)
    }

    @Test func unknownTagSuggestsTheClosest() {
        #expect(failure("p95(rol:user) < 1s") == ParseFailure("unknown tag \"rol\"", hint: "did you mean role?"))
        #expect(failure("p95(scenaro:ramp) < 1s")?.hint == "did you mean scenario?")
        #expect(
            failure("p95(phase:ramp) < 1s")
                == ParseFailure(
                    "unknown tag \"phase\"", hint: "tags: step, group, role, flow, scenario"))
        #expect(failure("p95(role:user, role:admin) < 1s")?.message == "role is given twice")
    }

    @Test func missingOperator() {
        #expect(
            failure("p95 800ms")
                == ParseFailure(
                    "missing operator after \"p95\", found \"800ms\"",
                    hint: "compare with <, <=, >, >=, == and !=, e.g. p95 < 800ms"))
        #expect(failure("error_rate")?.message == "missing operator after \"error_rate\"")
        #expect(failure("p95(role:user)")?.message == "missing operator after \"p95(…)\"")
        #expect(failure("p95 = 1s") == ParseFailure("unknown operator \"=\"", hint: "write == to compare"))
        #expect(failure("p95 => 1s")?.hint == "write >=")
        #expect(failure("p95 role:user < 1s")?.message == "filters go in parentheses right after the metric")
        #expect(failure("p95 <")?.message == "missing value after \"<\"")
        #expect(failure("< 1s")?.message == "missing metric before \"<\"")
        #expect(failure("p95 < 1s 2s")?.message == "unexpected \"2s\" after the value \"1s\"")
    }

    @Test func wrongValueKindsExplainTheUnit() {
        #expect(
            failure("p95 < 5")
                == ParseFailure(
                    "p95 is a latency: \"5\" needs a unit", hint: "add a unit, e.g. 5ms or 5s"))
        #expect(failure("p95 < 5%")?.hint == "expected a duration, e.g. 800ms")
        #expect(failure("p95 < 5parsecs")?.message == "bad duration \"5parsecs\" — unknown unit \"parsecs\"")
        #expect(
            failure("error_rate < 5ms")
                == ParseFailure(
                    "error_rate is a share of requests, not \"5ms\"",
                    hint: "expected a percentage, e.g. 1% (or a fraction such as 0.01)"))
        #expect(
            failure("error_rate < 5")
                == ParseFailure(
                    "error_rate is a share between 0 and 1, found \"5\"", hint: "write 5% for a percentage"))
        #expect(failure("error_rate < 120%")?.message == "error_rate cannot be over 100%, found \"120%\"")
        #expect(failure("rate > 10/m")?.hint == "expected a rate, e.g. 10/s")
        #expect(failure("timeouts == 1.5")?.message == "timeouts is a count: expected a whole number, found \"1.5\"")
        #expect(failure("failed < 1%")?.hint == "expected a whole number, e.g. 0 (for a share use error_rate)")
        #expect(failure("requests > -1")?.message == "requests cannot be compared with a negative \"-1\"")
        #expect(failure("requests > 1e3")?.message == "requests is a count, not \"1e3\"")
    }

    @Test func malformedParentheses() {
        #expect(
            failure("p95(role:user < 1s")
                == ParseFailure(
                    "missing \")\" after the filters", hint: "close them, e.g. p95(role:user) < 800ms"))
        #expect(failure("p95(role:user")?.message == "missing \")\" after the filters")
        #expect(failure("p95 role:user) < 1s")?.message == "filters go in parentheses right after the metric")
        #expect(failure("p95) < 1s")?.message == "\")\" without \"(\"")
        #expect(failure("p95() < 1s")?.message == "empty parentheses")
        #expect(failure("p95(role) < 1s") == ParseFailure("missing \":\" after role", hint: "e.g. role:VALUE"))
        #expect(
            failure("p95(user) < 1s")
                == ParseFailure(
                    "expected TAG:VALUE, found \"user\"", hint: "name the tag, e.g. role:user or step:user"))
        #expect(failure("p95(role:) < 1s")?.message == "missing value after role:, found \")\"")
        #expect(
            failure("p95(role:user step:login) < 1s")?.message
                == "expected \",\" or \")\" after role:user, found \"step\"")
        #expect(failure("p95(role:user,) < 1s")?.message == "expected TAG:VALUE in the parentheses, found \")\"")
        #expect(failure("p95(step:\"GET /x) < 1s")?.message == "unterminated quote \" in \"p95(step:\"GET /x) < 1s\"")
    }

    @Test func tagValuesMustNameSomethingInTheProfile() throws {
        let names = ThresholdNames(
            steps: ["login", "tasks", "GET /api/me"], groups: ["dashboard"], roles: ["admin", "user"], flows: ["shop"])
        func check(_ text: String) -> ParseFailure? {
            do {
                try names.check(try ThresholdParser.parse(text))
                return nil
            } catch {
                return error
            }
        }
        #expect(check(#"p95(step:"GET /api/me", group:dashboard, role:user, flow:shop) < 1s"#) == nil)
        #expect(
            check("p95(role:usr) < 1s") == ParseFailure("no role is named \"usr\"", hint: "did you mean role:user?"))
        #expect(
            check("p95(step:dashboard) < 1s")
                == ParseFailure(
                    "no step is named \"dashboard\"", hint: "\"dashboard\" is a group: write group:dashboard"))
        #expect(
            check("p95(step:checkout) < 1s")
                == ParseFailure(
                    "no step is named \"checkout\"", hint: "steps: login, tasks, \"GET /api/me\""))
        #expect(check("p95(flow:dashbord) < 1s")?.hint == "flows: shop")
    }

    @Test func namesOfAProfileIncludeRequestsInsideGroups() throws {
        let flow = try decodeFlow(FlowDecoderTests.documented)
        let names = ThresholdNames(flows: [flow], roles: ["admin"])
        #expect(names.steps == ["login", "tasks", "GET /api/me"])
        #expect(names.groups == ["dashboard"])
        #expect(names.flows == ["dashboard"])
        #expect(names.roles == ["admin"])
    }
}
