import Engine
import Foundation
import Metrics
import Scenario
import TestSupport

/// Writes a profile and its flow to a temporary folder and runs it through the real engine.
struct EngineHarness {
    let folder: URL

    init() throws {
        folder = try TemporaryFolder("engine").url
    }

    /// Loads a profile whose `flows:` names `flow.yaml`, written from `flow`.
    func profile(_ yaml: String, flow: String, environment: [String: String] = [:]) throws -> Profile {
        try flow.write(to: folder.appendingPathComponent("flow.yaml"), atomically: true, encoding: .utf8)
        let path = folder.appendingPathComponent("profile.yaml")
        try yaml.write(to: path, atomically: true, encoding: .utf8)
        return try ProfileLoader(environment: environment).load(path: path.path)
    }

    /// Runs a profile to the end (bounded by the profile itself) and returns its summary.
    func run(_ profile: Profile, workers: Int = 2, environment: [String: String] = [:]) -> (RunOutcome, RunSummary) {
        let runner = LoadRunner(plan: RunPlan(profile: profile, workers: workers, environment: environment))
        let outcome = runner.run()
        return (outcome, outcome.saved.summary)
    }

    static func profileYAML(base: String, vus: Int, end: String, extra: String = "") -> String {
        """
        name: test
        target:
          base_url: \(base)
        flows: [flow.yaml]
        roles:
          admin:
            fields: { email: admin@example.test }
          user:
            fields: { email: user@example.test }
        load:
          vus: \(vus)
          \(end)
        \(extra)
        """
    }
}

extension RunSummary {
    func step(_ name: String, role: String) -> StepReport? {
        steps.first { $0.step == name && $0.role == role }
    }

    func requests(of name: String) -> Int {
        steps.filter { $0.step == name }.reduce(0) { $0 + $1.requests }
    }
}
