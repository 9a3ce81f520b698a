import Metrics

/// The outcome of one probe: one iteration of each flow per role, judged healthy, degraded or failed.
/// Contains no secret values (messages are already redacted), so it can be printed and scraped.
public struct ProbeResult: Sendable, Equatable, Codable {
    public var profile: String
    /// When the probe started, seconds since 1970 (UTC).
    public var startedAt: Double
    public var durationSeconds: Double
    /// The worst verdict of all flows × roles.
    public var verdict: ProbeVerdict
    public var flows: [FlowResult]
    /// The W3C trace of the probe's slowest request, when it sent `traceparent`: where to look in the backend's
    /// tracing (published as an OpenMetrics exemplar).
    public var slowestTrace: TraceRef?

    public init(profile: String, startedAt: Double, durationSeconds: Double, verdict: ProbeVerdict, flows: [FlowResult])
    {
        self.profile = profile
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
        self.verdict = verdict
        self.flows = flows
    }

    /// One flow walked by one role.
    public struct FlowResult: Sendable, Equatable, Codable {
        public var flow: String
        public var role: String
        public var verdict: ProbeVerdict
        /// The sum of the waits (steps and groups) of the iteration, seconds.
        public var durationSeconds: Double
        /// Requests that failed (errors, timeouts, failed checks).
        public var failedRequests: Int
        /// Failed checks (and captures that found nothing).
        public var checkFailures: Int
        /// Short, secret-free reasons, e.g. `tasks: timeout: no complete response within the 4s request timeout`.
        public var reasons: [String]
        public var steps: [StepTiming]
        public var groups: [GroupTiming]

        public init(
            flow: String, role: String, verdict: ProbeVerdict, durationSeconds: Double, failedRequests: Int,
            checkFailures: Int, reasons: [String], steps: [StepTiming], groups: [GroupTiming]
        ) {
            self.flow = flow
            self.role = role
            self.verdict = verdict
            self.durationSeconds = durationSeconds
            self.failedRequests = failedRequests
            self.checkFailures = checkFailures
            self.reasons = reasons
            self.steps = steps
            self.groups = groups
        }
    }

    /// One step's timings, in seconds: `total` and the phases `dns`, `connect`, `tls`, `ttfb`, `transfer`
    /// (a phase is absent when it did not happen, e.g. `connect` on a reused connection).
    public struct StepTiming: Sendable, Equatable, Codable {
        public var step: String
        public var group: String?
        public var seconds: [String: Double]

        public init(step: String, group: String?, seconds: [String: Double]) {
            self.step = step
            self.group = group
            self.seconds = seconds
        }
    }

    /// One parallel group's time (what the user waited), in seconds.
    public struct GroupTiming: Sendable, Equatable, Codable {
        public var group: String
        public var seconds: Double

        public init(group: String, seconds: Double) {
            self.group = group
            self.seconds = seconds
        }
    }
}

/// A probe's verdict, ordered from best to worst.
public enum ProbeVerdict: String, Sendable, Equatable, Codable, CaseIterable, Comparable {
    case healthy, degraded, failed

    public static func < (a: ProbeVerdict, b: ProbeVerdict) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
