import Metrics
import Scenario
import Verdicts

/// The release gate as JUnit XML for CI (`--junit FILE`): `<testsuites>` holding one
/// `<testsuite name="rehearsal thresholds">` with a `<testcase>` per threshold (its text as the name); a failed
/// threshold has a `<failure>` with the detail as its message. The suite's `time` is the run's duration; test cases
/// take no time of their own (`time="0"`), since every threshold is judged over the whole run at its end.
///
/// A run that was aborted, or that the generator could not drive, gets one more test case saying so: a
/// `<failure>` for `abort_when`, an `<error>` (the gate could not judge) for a generator-bound run.
public struct GateJUnit: Reporter {
    public init() {}

    public func render(_ judged: JudgedRun) -> String {
        let results = judged.thresholds
        let run = judged.summary
        let verdict = judged.verdict
        let aborted = if case .aborted = verdict { 1 } else { 0 }
        let errors = if case .inconclusive = verdict { 1 } else { 0 }
        let failures = results.failedCount + aborted
        let tests = results.count + aborted + errors
        let time = Format.trimmed(run.run.durationSeconds, digits: 3)
        let className = "rehearsal.thresholds." + run.run.profile
        var out = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        out.append(
            "<testsuites name=\"rehearsal\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" time=\"\(time)\">"
        )
        out.append(
            "  <testsuite name=\"rehearsal thresholds\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" "
                + "skipped=\"0\" time=\"\(time)\" timestamp=\"\(attr(run.run.startedAt))\">")
        out.append("    <properties>")
        for (name, value) in properties(run) {
            out.append("      <property name=\"\(attr(name))\" value=\"\(attr(value))\"/>")
        }
        out.append("    </properties>")
        for r in results {
            let open = "    <testcase name=\"\(attr(r.threshold.text))\" classname=\"\(attr(className))\" time=\"0\""
            guard !r.passed else {
                out.append(open + "/>")
                continue
            }
            out.append(open + ">")
            var body = "\(r.threshold.text)\n\(r.detail)"
            if let source = r.threshold.source { body += "\ndefined at \(source)" }
            out.append(
                "      <failure message=\"\(attr(r.detail))\" type=\"threshold\">\(text(body))</failure>")
            out.append("    </testcase>")
        }
        switch verdict {
        case .aborted(let reason):
            out.append("    <testcase name=\"run not aborted\" classname=\"\(attr(className))\" time=\"0\">")
            out.append(
                "      <failure message=\"\(attr(reason))\" type=\"abort_when\">\(text("aborted early: " + reason))</failure>"
            )
            out.append("    </testcase>")
        case .inconclusive(let reasons):
            let message = "the load generator was the bottleneck: " + reasons.joined(separator: "; ")
            out.append("    <testcase name=\"load generator kept up\" classname=\"\(attr(className))\" time=\"0\">")
            out.append("      <error message=\"\(attr(message))\" type=\"generator\">\(text(message))</error>")
            out.append("    </testcase>")
        default: break
        }
        out.append("  </testsuite>")
        out.append("</testsuites>")
        return out.joined(separator: "\n") + "\n"
    }

    private func properties(_ run: RunSummary) -> [(String, String)] {
        [
            ("profile", run.run.profile), ("base_url", run.run.baseURL), ("stop_reason", run.run.stopReason),
            ("requests", String(run.totals.requests)), ("failed", String(run.totals.failed)),
            ("rehearsal_version", run.run.rehearsalVersion),
        ]
    }

    private func attr(_ s: String) -> String { XMLText.escaped(s) }

    /// Element text: newlines kept as they are.
    private func text(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { XMLText.escaped(String($0)) }
            .joined(separator: "\n")
    }
}
