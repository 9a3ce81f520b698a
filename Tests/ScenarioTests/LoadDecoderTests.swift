import Foundation
import Testing

@testable import Scenario

/// `load:` executors, `scenarios:`, `abort_when:` and `target.max_rate`, through real files; and the bad input
/// each must reject before any request is sent.
@Suite struct LoadDecoderTests {
    let base = ProfileLoaderTests()
    static let classicLoad = "load:\n  vus: 10\n  duration: 30s\n  ramp_up: 5s"

    /// The profile with its `load:` block replaced by `yaml`.
    func load(_ yaml: String) throws -> Result<Profile, ScenarioError> {
        try base.load(replacing: [(Self.classicLoad, yaml)]).0
    }

    func error(_ yaml: String) throws -> ScenarioError? {
        try base.error(replacing: [(Self.classicLoad, yaml)]).0
    }

    @Test func everyExecutorDecodes() throws {
        let cases: [(String, Executor)] = [
            (
                "load: { executor: constant-vus, vus: 5, duration: 1m }",
                .constantVUs(vus: 5, duration: .seconds(60), rampUp: .zero)
            ),
            (
                "load: { executor: ramping-vus, start_vus: 1, stages: [{duration: 30s, target: 20}, {duration: 10s, target: 0}] }",
                .rampingVUs(
                    startVUs: 1,
                    stages: [Stage(duration: .seconds(30), target: 20), Stage(duration: .seconds(10), target: 0)])
            ),
            (
                "load: { executor: constant-arrival-rate, rate: 90/m, duration: 2m, max_vus: 50, pre_allocated_vus: 10 }",
                .constantArrivalRate(rate: 1.5, duration: .seconds(120), maxVUs: 50)
            ),
            (
                "load: { executor: ramping-arrival-rate, stages: [{duration: 30s, target: 20/s}, {duration: 2m, target: 50/s}, {duration: 30s, target: 0/s}], max_vus: 500 }",
                .rampingArrivalRate(
                    startRate: 0,
                    stages: [
                        Stage(duration: .seconds(30), target: 20), Stage(duration: .seconds(120), target: 50),
                        Stage(duration: .seconds(30), target: 0),
                    ], maxVUs: 500)
            ),
            (
                "load: { executor: per-vu-iterations, vus: 2, iterations: 3, max_duration: 1m }",
                .perVUIterations(vus: 2, iterations: 3, maxDuration: .seconds(60))
            ),
            (
                "load: { executor: shared-iterations, vus: 2, iterations: 30 }",
                .sharedIterations(vus: 2, iterations: 30, maxDuration: .seconds(600))
            ),
            ("load: { vus: 3, iterations: 30 }", .sharedIterations(vus: 3, iterations: 30, maxDuration: .seconds(600))),
        ]
        for (yaml, executor) in cases {
            let profile = try load(yaml).get()
            #expect(profile.scenarios.map(\.load.executor) == [executor], "\(yaml)")
        }
        let started = try load(
            "load: { executor: constant-vus, vus: 1, duration: 1s, start_time: 2s, graceful_stop: 1s }"
        ).get()
        #expect(started.scenarios[0].load.startTime == .seconds(2) && started.scenarios[0].load.end == .seconds(3))
    }

    @Test func impossibleLoadsAreRejectedWithAHint() throws {
        let noMax = try error("load: { executor: constant-arrival-rate, rate: 20/s, duration: 1m }")
        #expect(noMax?.message == "an arrival-rate executor needs max_vus: the most iterations that may run at once")
        #expect(noMax?.field == "load.max_vus" && noMax?.hint?.contains("max_vus: 100") == true)
        let rateInVUs = try error("load: { executor: ramping-vus, stages: [{duration: 10s, target: 20/s}] }")
        #expect(rateInVUs?.message == "ramping-vus stages target a number of VUs, found the rate \"20/s\"")
        #expect(rateInVUs?.hint == "did you mean executor: ramping-arrival-rate?")
        #expect(try error("load: { executor: ramping-vus, stages: [] }")?.message == "stages must not be empty")
        #expect(
            try error("load: { executor: ramping-vus, stages: [{duration: 0s, target: 3}] }")?.message
                == "the stages last 0s in all")
        #expect(
            try error("load: { executor: ramping-vus, stages: [{duration: 10s, target: 0}] }")?.message
                == "the load never runs a virtual user")
        #expect(
            try error("load: { executor: ramping-arrival-rate, stages: [{duration: 10s, target: 0/s}], max_vus: 5 }")?
                .message
                == "every stage targets 0/s: the run would start no iteration")
        let misplaced = try error("load: { executor: constant-vus, vus: 2, duration: 10s, rate: 5/s }")
        #expect(misplaced?.message == "rate does not apply to constant-vus")
        #expect(misplaced?.hint == "rate belongs to constant-arrival-rate; constant-vus takes vus, duration, ramp_up")
        #expect(
            try error("load: { executor: constant-arival-rate, rate: 5/s, duration: 1s, max_vus: 1 }")?.hint
                == "did you mean constant-arrival-rate?")
        #expect(
            try error("load: { stages: [{duration: 10s, target: 5}] }")?.hint?.contains("executor: ramping-vus") == true
        )
        #expect(
            try error("load: { executor: constant-arrival-rate, rate: 5/ms, duration: 1s, max_vus: 1 }")?.message
                == "bad rate \"5/ms\" — unknown unit \"ms\"")
        #expect(
            try error("load: { executor: shared-iterations, vus: 5, iterations: 2 }")?.message
                == "5 VUs would share only 2 iterations")
        #expect(
            try error(
                "load: { executor: constant-arrival-rate, rate: 5/s, duration: 1s, max_vus: 2, pre_allocated_vus: 3 }")?
                .message
                == "pre_allocated_vus 3 is more than max_vus 2")
        let location = try error("load: { executor: ramping-vus, stages: [{duration: 10s, target: 20/s}] }")
        #expect(location?.location?.line == 14, "errors point at the line of the load")
    }

    @Test func scenariosRunTheirOwnFlowsRolesAndLoads() throws {
        let scenarios = """
            scenarios:
              browse:
                flow: flows/dashboard.yaml
                roles: { user: 9, admin: 1 }
                load: { executor: constant-arrival-rate, rate: 5/s, duration: 10s, max_vus: 20 }
              admins:
                flows: [flows/dashboard.yaml]
                roles: [admin]
                load: { vus: 1, iterations: 3 }
            """
        let (result, _) = try base.load(replacing: [
            ("flows:\n  - flows/dashboard.yaml\n", ""), (Self.classicLoad, scenarios),
        ])
        let profile = try result.get()
        #expect(profile.scenarios.map(\.name) == ["browse", "admins"])
        #expect(profile.scenarios[0].roleWeights == [1, 9] && profile.scenarios[1].roleWeights == [1, 0])
        #expect(profile.flows.count == 1, "a flow two scenarios share is loaded once")
        #expect(profile.maxVUs == 21 && profile.hasNamedScenarios)
        let summary = profile.validationSummary()
        #expect(
            summary.contains {
                $0.hasPrefix(
                    "scenario browse: flow dashboard as admin ×1, user ×9; 5/s iterations for 10s, at most 20 VUs (open model)"
                )
            })
    }

    @Test func scenarioMistakesAreNamed() throws {
        func scenarioError(_ scenarios: String, keepFlows: Bool = false) throws -> ScenarioError? {
            var replacing = [(Self.classicLoad, scenarios)]
            if !keepFlows { replacing.append(("flows:\n  - flows/dashboard.yaml\n", "")) }
            return try base.error(replacing: replacing).0
        }
        let withLoad = try scenarioError(
            "load: { vus: 1, duration: 1s }\nscenarios:\n  a: { flow: flows/dashboard.yaml, load: { vus: 1, duration: 1s } }"
        )
        #expect(withLoad?.message == "load belongs inside each scenario when the profile has scenarios")
        let unknownRole = try scenarioError(
            "scenarios:\n  a: { flow: flows/dashboard.yaml, roles: { usr: 1 }, load: { vus: 1, duration: 1s } }")
        #expect(unknownRole?.message == "no role is named \"usr\"" && unknownRole?.hint == "did you mean user?")
        let noLoad = try scenarioError("scenarios:\n  a: { flow: flows/dashboard.yaml }")
        #expect(noLoad?.message == "missing required key \"load\"" && noLoad?.field == "scenarios.a.load")
        let zero = try scenarioError(
            "scenarios:\n  a: { flow: flows/dashboard.yaml, roles: { user: 0 }, load: { vus: 1, duration: 1s } }")
        #expect(zero?.message == "no role has a weight above 0")
    }

    @Test func theRateCeilingIsCheckedBeforeTheRun() throws {
        let (result, _) = try base.load(replacing: [
            ("  base_url: http://127.0.0.1:8787", "  base_url: http://127.0.0.1:8787\n  max_rate: 100/s"),
            (Self.classicLoad, "load: { executor: constant-arrival-rate, rate: 40/s, duration: 10s, max_vus: 50 }"),
        ])
        guard case .failure(let e) = result else {
            Issue.record("a rate over the ceiling must be refused")
            return
        }
        // The documented flow sends 3 requests per iteration: 40/s × 3 = 120/s > 100/s.
        #expect(e.message.hasPrefix("the arrival rates need up to 120/s requests, more than target.max_rate 100/s"))
        let (fine, _) = try base.load(replacing: [
            ("  base_url: http://127.0.0.1:8787", "  base_url: http://127.0.0.1:8787\n  max_rate: 200/s"),
            (Self.classicLoad, "load: { executor: constant-arrival-rate, rate: 30/s, duration: 10s, max_vus: 50 }"),
        ])
        #expect(try fine.get().target.maxRate == 200)
    }

    @Test func abortConditionsParse() throws {
        let (result, _) = try base.load(replacing: [
            (
                Self.classicLoad,
                Self.classicLoad + "\nabort_when:\n  - error_rate > 20% for 10s\n  - p95(role:user) > 5s"
            )
        ])
        let profile = try result.get()
        #expect(profile.abortWhen.map(\.holdFor) == [.seconds(10), .zero])
        #expect(profile.abortWhen[0].condition.metric == .errorRate && profile.abortWhen[0].condition.value == 0.2)
        let quoted = try AbortCondition.parse(#"p95(step:"wait for report") > 2s"#)
        #expect(quoted.holdFor == .zero && quoted.condition.filter(.step) == "wait for report")
        let quotedFor = try AbortCondition.parse(#"p95(step:"wait for report") > 2s for 5s"#)
        #expect(quotedFor.holdFor == .seconds(5) && quotedFor.condition.value == 2000)
        let (bad, _) = try base.error(replacing: [
            (Self.classicLoad, Self.classicLoad + "\nabort_when:\n  - error_rate > 20% for ten")
        ])
        #expect(bad?.message == "bad duration \"ten\" — expected a number with a unit")
        let (unknown, _) = try base.error(replacing: [
            (Self.classicLoad, Self.classicLoad + "\nabort_when:\n  - p95(role:usr) > 1s")
        ])
        #expect(unknown?.hint == "did you mean role:user?")
    }
}

@Suite struct LoadCurveTests {
    @Test func aRampIsLinearAndEndsAfterTheLastStage() {
        let curve = LoadCurve(
            start: 0, stages: [Stage(duration: .seconds(10), target: 10), Stage(duration: .seconds(10), target: 0)])
        #expect(curve.value(at: .seconds(5)) == 5)
        #expect(curve.value(at: .seconds(15)) == 5)
        #expect(curve.value(at: .seconds(20)) == nil)
        // VU 3 (0-based) runs while the curve is above 3: from just after 3 s until 17 s.
        let first = curve.firstTime(above: 3, from: .zero)!
        #expect(first > .seconds(3) && first < .milliseconds(3001))
        #expect(curve.firstTime(above: 3, from: .seconds(16)) == .seconds(16))
        #expect(curve.firstTime(above: 3, from: .seconds(18)) == nil)
        #expect(curve.firstTime(above: 10, from: .zero) == nil, "the peak is 10: VU 10 never runs")
    }

    @Test func arrivalsFollowTheRateExactly() {
        var constant = ArrivalClock(curve: LoadCurve(start: 50, stages: [Stage(duration: .seconds(2), target: 50)]))
        var times: [UInt64] = []
        while let t = constant.advance() { times.append(t) }
        #expect(times.count == 100 && times.first == 0 && times[1] == 20_000_000 && times.last == 1_980_000_000)
        // From 0 to 10/s over 10 s: N(t) = t²/2, so arrival k is at √(2k) s; 50 in all.
        var ramp = ArrivalClock(curve: LoadCurve(start: 0, stages: [Stage(duration: .seconds(10), target: 10)]))
        var ramped: [UInt64] = []
        while let t = ramp.advance() { ramped.append(t) }
        #expect(ramped.count == 50)
        #expect(abs(Double(ramped[8]) / 1e9 - 4) < 1e-6, "arrival 8 at √16 = 4 s")
        // Products that floating point rounds up must not add an arrival at the very end.
        for (rate, seconds, expected) in [(70.0, 3, 210), (1.1, 10, 11), (0.7, 10, 7), (2000, 20, 40_000)] {
            var clock = ArrivalClock(
                curve: LoadCurve(start: rate, stages: [Stage(duration: .seconds(seconds), target: rate)]))
            var n = 0
            while clock.advance() != nil { n += 1 }
            #expect(n == expected, "\(rate)/s × \(seconds) s")
        }
        var silent = ArrivalClock(
            curve: LoadCurve(
                start: 0, stages: [Stage(duration: .seconds(5), target: 0), Stage(duration: .seconds(1), target: 10)]))
        #expect(silent.advance().map { $0 >= 5_000_000_000 } == true, "no arrival while the rate is 0")
    }
}
