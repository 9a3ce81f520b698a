import Foundation
import TestSupport
import Testing
import Verdicts

@testable import MetricsEndpoint

@Suite("ProbeMetrics: the Prometheus exposition of `rehearse probe`")
struct ProbeMetricsTests {
    /// A step name with every character a label value must escape (`"`, `\`, line feed) and a non-ASCII one.
    static let awkwardStep = "tasks › \"open\" C:\\tmp\nnext"

    static func result(
        verdict: ProbeVerdict = .degraded, userVerdict: ProbeVerdict = .degraded, reusedConnection: Bool = false,
        startedAt: Double = 1_767_225_600.25
    ) -> ProbeResult {
        var loginPhases: [String: Double] = [
            "total": 0.120, "dns": 0.001, "tls": 0.040, "ttfb": 0.070, "transfer": 0.002,
        ]
        if !reusedConnection { loginPhases["connect"] = 0.007 }
        let admin = ProbeResult.FlowResult(
            flow: "dashboard", role: "admin", verdict: .healthy, durationSeconds: 0.5, failedRequests: 0,
            checkFailures: 0, reasons: [],
            steps: [
                .init(step: "login", group: nil, seconds: loginPhases),
                .init(step: awkwardStep, group: "dashboard", seconds: ["total": 0.25, "ttfb": 0.2]),
            ],
            groups: [.init(group: "dashboard", seconds: 0.3)])
        let user = ProbeResult.FlowResult(
            flow: "dashboard", role: "user", verdict: userVerdict, durationSeconds: 4.25, failedRequests: 2,
            checkFailures: 1, reasons: ["tasks: timeout"],
            steps: [.init(step: "login", group: nil, seconds: ["total": 0.1])],
            groups: [.init(group: "dashboard", seconds: 4.0)])
        return ProbeResult(
            profile: "staging", startedAt: startedAt, durationSeconds: 5.5, verdict: verdict, flows: [admin, user])
    }

    /// The sample line of `name` whose labels are exactly `labels` (in the registered order), or nil.
    static func value(_ text: String, _ name: String, _ labels: [(String, String)]) -> String? {
        let rendered = labels.map { "\($0.0)=\"\(escape($0.1))\"" }.joined(separator: ",")
        let prefix = labels.isEmpty ? "\(name) " : "\(name){\(rendered)} "
        return text.split(separator: "\n").first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func flowLabels(_ role: String) -> [(String, String)] {
        [("profile", "staging"), ("flow", "dashboard"), ("role", role)]
    }

    @Test func exposesEveryFamilyWithHelpAndType() {
        let metrics = ProbeMetrics()
        metrics.update(with: Self.result())
        let text = metrics.exposition()
        let families: [(String, String)] = [
            ("rehearsal_probe_success", "gauge"), ("rehearsal_probe_verdict", "gauge"),
            ("rehearsal_probe_duration_seconds", "gauge"), ("rehearsal_probe_step_duration_seconds", "gauge"),
            ("rehearsal_probe_group_duration_seconds", "gauge"), ("rehearsal_probe_failed_requests", "gauge"),
            ("rehearsal_probe_check_failures", "gauge"), ("rehearsal_probe_last_run_timestamp_seconds", "gauge"),
            ("rehearsal_probe_last_run_duration_seconds", "gauge"), ("rehearsal_probe_runs_total", "counter"),
        ]
        for (name, type) in families {
            #expect(
                text.contains("\n# TYPE \(name) \(type)\n") || text.hasPrefix("# TYPE \(name) \(type)\n"), "\(name)")
            #expect(text.contains("# HELP \(name) "), "\(name) has no HELP")
        }
        // Families are sorted by name, each HELP right before its TYPE.
        let typeNames = text.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.map {
            $0.split(separator: " ")[2]
        }
        #expect(typeNames == typeNames.sorted())
        #expect(typeNames.count == families.count)
        #expect(text.hasSuffix("\n"))
    }

    @Test func valuesOfTheLatestProbe() {
        let metrics = ProbeMetrics()
        metrics.update(with: Self.result())
        let text = metrics.exposition()
        let admin = Self.flowLabels("admin")
        let user = Self.flowLabels("user")
        #expect(Self.value(text, "rehearsal_probe_success", admin) == "1.0")
        #expect(Self.value(text, "rehearsal_probe_success", user) == "1.0")  // degraded still succeeds
        #expect(Self.value(text, "rehearsal_probe_verdict", admin + [("verdict", "healthy")]) == "1.0")
        #expect(Self.value(text, "rehearsal_probe_verdict", admin + [("verdict", "degraded")]) == "0.0")
        #expect(Self.value(text, "rehearsal_probe_verdict", admin + [("verdict", "failed")]) == "0.0")
        #expect(Self.value(text, "rehearsal_probe_verdict", user + [("verdict", "degraded")]) == "1.0")
        #expect(Self.value(text, "rehearsal_probe_duration_seconds", user) == "4.25")
        #expect(Self.value(text, "rehearsal_probe_failed_requests", user) == "2.0")
        #expect(Self.value(text, "rehearsal_probe_check_failures", user) == "1.0")
        #expect(Self.value(text, "rehearsal_probe_failed_requests", admin) == "0.0")
        #expect(
            Self.value(
                text, "rehearsal_probe_step_duration_seconds", admin + [("step", "login"), ("phase", "connect")])
                == "0.007")
        #expect(
            Self.value(text, "rehearsal_probe_step_duration_seconds", admin + [("step", "login"), ("phase", "total")])
                == "0.12")
        #expect(Self.value(text, "rehearsal_probe_group_duration_seconds", user + [("group", "dashboard")]) == "4.0")
        #expect(
            Self.value(text, "rehearsal_probe_last_run_timestamp_seconds", [("profile", "staging")]) == "1767225600.25")
        #expect(Self.value(text, "rehearsal_probe_last_run_duration_seconds", [("profile", "staging")]) == "5.5")
        #expect(
            Self.value(text, "rehearsal_probe_runs_total", [("profile", "staging"), ("verdict", "degraded")]) == "1")
        #expect(
            Self.value(text, "rehearsal_probe_runs_total", [("profile", "staging"), ("verdict", "healthy")]) == "0")
        #expect(Self.value(text, "rehearsal_probe_runs_total", [("profile", "staging"), ("verdict", "failed")]) == "0")
        // Only the phases that happened: the user's login has `total` only.
        #expect(
            text.split(separator: "\n").filter {
                $0.hasPrefix("rehearsal_probe_step_duration_seconds{") && $0.contains("role=\"user\"")
            }.count == 1)
    }

    @Test func aSecondProbeFlipsTheVerdictAndCountsTheRun() {
        let metrics = ProbeMetrics()
        metrics.update(with: Self.result(verdict: .degraded, userVerdict: .degraded))
        metrics.update(with: Self.result(verdict: .failed, userVerdict: .failed, startedAt: 1_767_225_900))
        let text = metrics.exposition()
        let user = Self.flowLabels("user")
        #expect(Self.value(text, "rehearsal_probe_success", user) == "0.0")
        #expect(Self.value(text, "rehearsal_probe_verdict", user + [("verdict", "healthy")]) == "0.0")
        #expect(Self.value(text, "rehearsal_probe_verdict", user + [("verdict", "degraded")]) == "0.0")
        #expect(Self.value(text, "rehearsal_probe_verdict", user + [("verdict", "failed")]) == "1.0")
        #expect(
            Self.value(text, "rehearsal_probe_last_run_timestamp_seconds", [("profile", "staging")]) == "1767225900.0")
        #expect(
            Self.value(text, "rehearsal_probe_runs_total", [("profile", "staging"), ("verdict", "degraded")]) == "1")
        #expect(Self.value(text, "rehearsal_probe_runs_total", [("profile", "staging"), ("verdict", "failed")]) == "1")
        #expect(
            Self.value(text, "rehearsal_probe_runs_total", [("profile", "staging"), ("verdict", "healthy")]) == "0")
        metrics.update(with: Self.result(verdict: .failed, userVerdict: .failed))
        #expect(
            Self.value(
                metrics.exposition(), "rehearsal_probe_runs_total", [("profile", "staging"), ("verdict", "failed")])
                == "2")
    }

    @Test func aPhaseThatDidNotHappenThisTimeIsRemovedNotLeftStale() {
        let metrics = ProbeMetrics()
        let connect = Self.flowLabels("admin") + [("step", "login"), ("phase", "connect")]
        metrics.update(with: Self.result(reusedConnection: false))
        #expect(Self.value(metrics.exposition(), "rehearsal_probe_step_duration_seconds", connect) == "0.007")
        metrics.update(with: Self.result(reusedConnection: true))
        let text = metrics.exposition()
        #expect(Self.value(text, "rehearsal_probe_step_duration_seconds", connect) == nil)
        #expect(!text.contains("phase=\"connect\""))
        #expect(!text.contains("nan"))
        // The other phases of the step are still there, and the series comes back when the phase does.
        #expect(
            Self.value(
                text, "rehearsal_probe_step_duration_seconds",
                Self.flowLabels("admin") + [("step", "login"), ("phase", "tls")])
                == "0.04")
        metrics.update(with: Self.result(reusedConnection: false))
        #expect(Self.value(metrics.exposition(), "rehearsal_probe_step_duration_seconds", connect) == "0.007")
    }

    @Test func aFlowOrRoleThatIsGoneDisappearsWholly() {
        let metrics = ProbeMetrics()
        metrics.update(with: Self.result())
        var onlyAdmin = Self.result()
        onlyAdmin.flows.removeLast()
        metrics.update(with: onlyAdmin)
        let text = metrics.exposition()
        #expect(!text.contains("role=\"user\""))
        #expect(text.contains("role=\"admin\""))
    }

    @Test func labelValuesAreEscaped() {
        let metrics = ProbeMetrics()
        metrics.update(with: Self.result())
        let text = metrics.exposition()
        let expected = #"step="tasks › \"open\" C:\\tmp\nnext",phase="total"} 0.25"#
        #expect(text.contains(expected), "\(text)")
        // Every sample stays on one line.
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            #expect(line.hasPrefix("rehearsal_probe_"), "a sample line was split: \(line)")
        }
    }

    @Test func anEmptyRegistryRendersNothing() {
        #expect(ProbeMetrics().exposition() == "")
    }

    @Test func sortingKeepsHelpAndTypeTogether() {
        let text = "# HELP b_x b help\n# TYPE b_x gauge\nb_x{l=\"2\"} 2.0\nb_x{l=\"1\"} 1.0\n# TYPE a counter\na 1\n"
        #expect(
            PrometheusText.sorted(text)
                == "# TYPE a counter\na 1\n# HELP b_x b help\n# TYPE b_x gauge\nb_x{l=\"1\"} 1.0\nb_x{l=\"2\"} 2.0\n")
    }

    @Test func updatesAndScrapesFromManyThreads() async {
        let metrics = ProbeMetrics()
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<8 {
                group.addTask {
                    for _ in 0..<50 {
                        metrics.update(with: Self.result(reusedConnection: i % 2 == 0))
                        _ = metrics.exposition()
                    }
                }
            }
        }
        #expect(
            Self.value(
                metrics.exposition(), "rehearsal_probe_runs_total", [("profile", "staging"), ("verdict", "degraded")])
                == "400")
    }

    // MARK: - The real Prometheus text parser

    @Test func theExpositionParsesWithPrometheusClient() throws {
        let metrics = ProbeMetrics()
        metrics.update(with: Self.result())
        metrics.update(with: Self.result(verdict: .failed, userVerdict: .failed, reusedConnection: true))
        let text = metrics.exposition()
        let families = try PrometheusTextParser.parse(text)

        let byName = Dictionary(uniqueKeysWithValues: families.map { ($0.name, $0) })
        // prometheus_client names a counter's family without `_total`; its samples keep it.
        #expect(byName["rehearsal_probe_runs"]?.type == "counter")
        #expect(byName["rehearsal_probe_success"]?.type == "gauge")
        #expect(byName["rehearsal_probe_step_duration_seconds"]?.documentation.isEmpty == false)
        let samples = families.flatMap(\.samples)
        #expect(samples.count == text.split(separator: "\n").filter { !$0.hasPrefix("#") }.count)
        let awkward = samples.first {
            $0.name == "rehearsal_probe_step_duration_seconds" && $0.labels["step"] == Self.awkwardStep
                && $0.labels["phase"] == "total"
        }
        #expect(awkward?.value == 0.25, "the escaped step name did not round-trip: \(samples.map(\.labels))")
        let runs = samples.filter { $0.name == "rehearsal_probe_runs_total" }
        #expect(Set(runs.map { $0.labels["verdict"] ?? "" }) == ["healthy", "degraded", "failed"])
        #expect(runs.first { $0.labels["verdict"] == "failed" }?.value == 1)
        let verdict = samples.filter { $0.name == "rehearsal_probe_verdict" && $0.labels["role"] == "user" }
        #expect(verdict.count == 3)
        #expect(verdict.filter { $0.value == 1 }.map { $0.labels["verdict"] } == ["failed"])
        #expect(!samples.contains { $0.labels["phase"] == "connect" })
    }
}
