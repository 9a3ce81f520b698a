import Foundation
import Metrics
import RunFixtures
import TestSupport
import Testing
import Verdicts

@testable import Reports

/// `rehearse compare`'s text and Markdown against golden files, `--fail-on` rules and the regressions they find.
@Suite struct CompareOutputTests {
    static let directory = Golden.directory(besides: #filePath)

    /// A release that fixed the user's dashboard and broke the user's login:
    /// - login/admin unchanged; login/user 10× slower (regression)
    /// - home › tasks/user from ~1.9s with 10% timeouts to ~150ms without (improvement, also in points)
    /// - home › tasks/admin same speed, 0% → 8% HTTP 500 (error-rate regression)
    /// - home › me/admin: 10 requests a side (too few samples)
    /// - export/user only in the baseline, search/user only in the candidate; group waits of home for both roles
    static func reports() -> ComparisonReport {
        typealias F = CompareFixture
        let base = F.run(
            [
                .init(step: "login", role: "admin", samples: F.ok(F.spread(12, 100))),
                .init(step: "login", role: "user", samples: F.ok(F.spread(40, 100))),
                .init(
                    step: "tasks", group: "home", role: "user",
                    samples: F.ok(F.spread(1_900, 90)) + F.failed(10, micros: 4_000_000, as: .timeout)),
                .init(step: "tasks", group: "home", role: "admin", samples: F.ok(F.spread(80, 100))),
                .init(step: "me", group: "home", role: "admin", samples: F.ok(F.spread(5, 10))),
                .init(step: "export", role: "user", samples: F.ok(F.spread(300, 30))),
            ],
            waits: [
                .init(group: "home", role: "admin", micros: F.spread(85, 100)),
                .init(group: "home", role: "user", micros: F.spread(3_200, 100)),
            ], profile: "release-1.4")
        let cand = F.run(
            [
                .init(step: "login", role: "admin", samples: F.ok(F.spread(12, 100))),
                .init(step: "login", role: "user", samples: F.ok(F.spread(400, 100))),
                .init(step: "tasks", group: "home", role: "user", samples: F.ok(F.spread(150, 100))),
                .init(
                    step: "tasks", group: "home", role: "admin",
                    samples: F.ok(F.spread(80, 92)) + F.failed(8, micros: 80_000, as: .http5xx)),
                .init(step: "me", group: "home", role: "admin", samples: F.ok(F.spread(5, 10))),
                .init(step: "search", role: "user", samples: F.ok(F.spread(30, 30))),
            ],
            waits: [
                .init(group: "home", role: "admin", micros: F.spread(85, 100)),
                .init(group: "home", role: "user", micros: F.spread(160, 100)),
            ], profile: "release-1.5")
        return F.compare(base, cand)
    }

    @Test func textGolden() throws {
        let text = ComparisonText().render(Self.reports())
        try Golden.assertMatches(text + "\n", file: "compare-text.txt", directory: Self.directory)
        #expect(text.contains("regression") && text.contains("improvement") && text.contains("too few samples"))
    }

    @Test func markdownGolden() throws {
        let markdown = ComparisonMarkdown().render(Self.reports())
        try Golden.assertMatches(markdown, file: "compare-markdown.md", directory: Self.directory)
        #expect(markdown.hasPrefix("### ❌ Rehearsal compare: 4 regressions in 2 series"))
    }

    @Test func regressionsPastATolerance() throws {
        let report = Self.reports()
        func regressions(_ rules: [FailOnRule]) -> [String] { ComparisonRegressions(rules: rules).lines(report) }
        let p95 = regressions([try FailOnRule.parse("p95 +10%")])
        #expect(p95.count == 1)
        #expect(p95.first?.hasPrefix("login [user] p95 +9") == true, "\(p95)")
        #expect(p95.first?.hasSuffix("(50.7ms → 507ms) beyond p95 +10%") == true, "\(p95)")
        #expect(regressions([try FailOnRule.parse("p95 +2000%")]).isEmpty, "point estimate under the tolerance")
        let errors = regressions([try FailOnRule.parse("error_rate +1pt")])
        #expect(errors == ["home › tasks [admin] error_rate +8pt [+2.6pt, +15pt] (0% → 8%) beyond error_rate +1pt"])
        #expect(regressions([try FailOnRule.parse("error_rate +10pt")]).isEmpty)
        // Improvements and too-few-samples rows never fail a rule.
        #expect(regressions([try FailOnRule.parse("timeout_rate +0pt")]).isEmpty)
    }

    @Test func theFailOnVerdictUnderTheComparison() throws {
        let report = Self.reports()
        let failed = ComparisonRegressions(rules: [try FailOnRule.parse("error_rate +1pt")]).render(report)
        #expect(
            failed == "\n✗ regression: home › tasks [admin] error_rate +8pt [+2.6pt, +15pt] (0% → 8%) "
                + "beyond error_rate +1pt")
        let rules = [try FailOnRule.parse("p95 +2000%"), try FailOnRule.parse("error_rate +10pt")]
        #expect(
            ComparisonRegressions(rules: rules).render(report)
                == "\n✓ --fail-on 'p95 +2000%', 'error_rate +10pt': no regression past it")
    }

    /// What the text says about improvements, too few samples and series only one run has.
    @Test func textNamesImprovementsTooFewSamplesAndUnmatchedSeries() {
        typealias F = CompareFixture
        let slow = F.login(F.ok(F.spread(3_980, 100)))
        let fast = F.login(F.ok(F.spread(151, 100)))
        #expect(ComparisonText().render(F.compare(slow, fast)).contains("−96%"))
        let few = F.login(F.ok(F.spread(20, 19)))
        #expect(ComparisonText().render(F.compare(few, slow)).contains("too few samples"))
        let base = F.run([
            .init(step: "login", role: "user", samples: F.ok(F.spread(20, 50))),
            .init(step: "export", role: "user", samples: F.ok(F.spread(20, 50))),
        ])
        let cand = F.run([
            .init(step: "login", role: "user", samples: F.ok(F.spread(20, 50))),
            .init(step: "login", role: "admin", samples: F.ok(F.spread(20, 50))),
        ])
        let text = ComparisonText().render(F.compare(base, cand))
        #expect(text.contains("Only in the baseline: export [user]"))
        #expect(text.contains("Only in the candidate: login [admin]"))
    }
}
