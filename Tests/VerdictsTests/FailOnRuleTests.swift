import Metrics
import RunFixtures
import Testing

@testable import Verdicts

/// `--fail-on` rules: how they parse, what a bad one says, and which changes fail them.
@Suite struct FailOnRuleTests {
    @Test func failOnRulesParse() throws {
        let cases: [(String, FailOnRule)] = [
            ("p95 +10%", .init(metric: "p95", tolerance: 10)), ("p99 +2.5%", .init(metric: "p99", tolerance: 2.5)),
            ("p50+0%", .init(metric: "p50", tolerance: 0)),
            ("error_rate +1pt", .init(metric: "error_rate", tolerance: 1)),
            (" timeout_rate 0.5pt ", .init(metric: "timeout_rate", tolerance: 0.5)),
        ]
        for (text, rule) in cases { #expect(try FailOnRule.parse(text) == rule, "\(text)") }
        #expect(FailOnRule(metric: "p95", tolerance: 10).description == "p95 +10%")
        #expect(FailOnRule(metric: "error_rate", tolerance: 0.5).description == "error_rate +0.5pt")
    }

    @Test func badFailOnRulesSayWhatIsExpected() {
        let cases = [
            ("p90 +10%", "unknown metric 'p90'"), ("p95 10", "in percent of the baseline"),
            ("error_rate +1%", "give the tolerance in points"), ("", "no metric"), ("p95 +x%", "e.g. 'p95 +10%'"),
            ("p95 -10%", "e.g. 'p95 +10%'"),
        ]
        for (text, part) in cases {
            #expect {
                try FailOnRule.parse(text)
            } throws: { error in
                let message = "\(error)"
                return message.contains(part) && message.contains("expected 'METRIC +TOLERANCE'")
            }
        }
    }

    /// A regression beyond the tolerance fails a rule, and so does an inconclusive change beyond it (too few
    /// samples to tell) unless few samples are allowed; an improvement or noise never does.
    @Test func failuresAreRegressionsBeyondTheTolerance() throws {
        typealias F = CompareFixture
        let fast = F.login(F.ok(F.spread(20, 200)))
        let slow = F.login(F.ok(F.spread(200, 200)))
        let report = F.compare(fast, slow)
        let failures = report.failures([try FailOnRule.parse("p95 +10%"), try FailOnRule.parse("error_rate +1pt")])
        #expect(failures.map(\.change.metric) == ["p95"])
        #expect(failures.first?.series.label() == "login [user]" && failures.first?.rule.tolerance == 10)
        #expect(report.failures([try FailOnRule.parse("p95 +2000%")]).isEmpty, "point estimate under the tolerance")
        #expect(F.compare(slow, fast).failures([try FailOnRule.parse("p95 +0%")]).isEmpty, "an improvement")
        let few = F.login(F.ok(F.spread(200, 10)))
        let inconclusive = F.compare(fast, few)
        let rules = [try FailOnRule.parse("p95 +10%")]
        #expect(inconclusive.failures(rules).map(\.inconclusive) == [true], "past the tolerance on 10 samples")
        #expect(inconclusive.gateFailures(rules, allowFewSamples: false).count == 1)
        #expect(inconclusive.gateFailures(rules, allowFewSamples: true).isEmpty)
        #expect(
            F.compare(few, fast).failures(rules).isEmpty, "an improvement on few samples is not past the tolerance")
    }
}
