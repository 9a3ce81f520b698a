import Verdicts

/// The live progress text: one line, refreshed in place on a terminal; printed as plain lines elsewhere.
public enum ProgressLine {
    public struct Figures: Sendable {
        public var elapsedSeconds: Double
        public var activeVUs: Int
        public var requests: Int
        public var rate: Double
        public var p95: Double
        public var failed: Int
        public var timeouts: Int
        public var stopping: Bool

        public init(
            elapsedSeconds: Double, activeVUs: Int, requests: Int, rate: Double, p95: Double, failed: Int,
            timeouts: Int, stopping: Bool
        ) {
            self.elapsedSeconds = elapsedSeconds
            self.activeVUs = activeVUs
            self.requests = requests
            self.rate = rate
            self.p95 = p95
            self.failed = failed
            self.timeouts = timeouts
            self.stopping = stopping
        }
    }

    public static func render(_ f: Figures) -> String {
        var parts = [
            "\(Format.trimmed(f.elapsedSeconds, digits: 0))s", "\(f.activeVUs) VUs", "\(Format.rate(f.rate)) req/s",
            "p95 \(Format.latency(f.p95))", "\(f.requests) reqs", "failed \(f.failed)", "timeouts \(f.timeouts)",
        ]
        if f.stopping { parts.append("stopping…") }
        return parts.joined(separator: " · ")
    }
}
