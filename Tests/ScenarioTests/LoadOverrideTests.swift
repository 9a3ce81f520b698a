import Scenario
import Testing

/// k6's `--vus`, `--duration` and `--iterations` rules on every executor, without the binary: what each
/// combination turns the load into, and what each misfit says.
@Suite struct LoadOverrideTests {
    static let flow = Flow(name: "f", steps: [])

    static func profile(_ executor: Executor) -> Profile {
        Profile(
            name: "p", target: Target(baseURL: "http://127.0.0.1:1", allowHosts: []), flows: [flow],
            roles: [Role(name: "user", accounts: [[:]])], load: LoadShape(executor: executor), timeouts: Timeouts())
    }

    static let constant = Executor.constantVUs(vus: 10, duration: .seconds(30), rampUp: .seconds(5))
    static let shared = Executor.sharedIterations(vus: 4, iterations: 20, maxDuration: .seconds(60))
    static let perVU = Executor.perVUIterations(vus: 3, iterations: 2, maxDuration: .seconds(60))
    static let rate = Executor.constantArrivalRate(rate: 5, duration: .seconds(60), maxVUs: 50)
    static let ramping = Executor.rampingVUs(startVUs: 1, stages: [Stage(duration: .seconds(10), target: 5)])
    static let rampingRate = Executor.rampingArrivalRate(
        startRate: 0, stages: [Stage(duration: .seconds(10), target: 5)], maxVUs: 20)

    /// The executor `override` makes of a profile whose load runs `executor`.
    static func executor(_ override: LoadOverride, _ executor: Executor) throws -> Executor {
        try override.load(for: profile(executor)).executor
    }

    static func message(_ override: LoadOverride, _ executor: Executor) -> String? {
        do {
            _ = try override.load(for: profile(executor))
            return nil
        } catch {
            return error.description
        }
    }

    @Test func nothingOverriddenLeavesTheProfileAlone() throws {
        let p = Self.profile(Self.ramping)
        #expect(LoadOverride().isEmpty)
        #expect(try LoadOverride().apply(to: p) == p)
    }

    @Test func vusWithDurationRunsConstantVUs() throws {
        let both = LoadOverride(vus: 7, duration: "2m")
        for executor in [Self.constant, Self.shared, Self.perVU, Self.rate, Self.ramping, Self.rampingRate] {
            let made = try Self.executor(both, executor)
            let rampUp: Duration = executor == Self.constant ? .seconds(5) : .zero
            #expect(made == .constantVUs(vus: 7, duration: .seconds(120), rampUp: rampUp), "\(executor.name)")
        }
        // A ramp-up longer than the new duration is cut to it.
        #expect(
            try Self.executor(LoadOverride(duration: "2s"), Self.constant)
                == .constantVUs(vus: 10, duration: .seconds(2), rampUp: .seconds(2)))
    }

    @Test func durationAloneKeepsTheVUsOrTheRate() throws {
        let d = LoadOverride(duration: "45s")
        #expect(
            try Self.executor(d, Self.constant) == .constantVUs(vus: 10, duration: .seconds(45), rampUp: .seconds(5)))
        #expect(try Self.executor(d, Self.shared) == .constantVUs(vus: 4, duration: .seconds(45), rampUp: .zero))
        #expect(try Self.executor(d, Self.perVU) == .constantVUs(vus: 3, duration: .seconds(45), rampUp: .zero))
        #expect(try Self.executor(d, Self.rate) == .constantArrivalRate(rate: 5, duration: .seconds(45), maxVUs: 50))
        for executor in [Self.ramping, Self.rampingRate] {
            #expect(
                Self.message(d, executor) == "--duration alone does not apply to \(executor.name): its stages set "
                    + "the length; give --vus too to run constant VUs instead (e.g. --vus 10 --duration 45s)")
        }
    }

    @Test func iterationsShareIterationsAmongNoMoreVUsThanIterations() throws {
        let max = LoadShape.defaultMaxDuration
        #expect(
            try Self.executor(LoadOverride(vus: 8, iterations: 3), Self.ramping)
                == .sharedIterations(vus: 3, iterations: 3, maxDuration: max))
        #expect(
            try Self.executor(LoadOverride(iterations: 100), Self.constant)
                == .sharedIterations(vus: 10, iterations: 100, maxDuration: max))
        #expect(
            try Self.executor(LoadOverride(iterations: 1), Self.perVU)
                == .sharedIterations(vus: 1, iterations: 1, maxDuration: max))
        for executor in [Self.rate, Self.ramping, Self.rampingRate] {
            #expect(
                Self.message(LoadOverride(iterations: 5), executor)
                    == "--iterations alone does not apply to \(executor.name); give --vus too "
                    + "(e.g. --vus 2 --iterations 5)")
        }
        // --duration wins over --iterations, as in k6.
        #expect(
            try Self.executor(LoadOverride(vus: 2, duration: "10s", iterations: 5), Self.shared)
                == .constantVUs(vus: 2, duration: .seconds(10), rampUp: .zero))
    }

    @Test func vusAloneResizesAFixedPool() throws {
        let v = LoadOverride(vus: 6)
        #expect(
            try Self.executor(v, Self.constant) == .constantVUs(vus: 6, duration: .seconds(30), rampUp: .seconds(5)))
        #expect(
            try Self.executor(v, Self.shared) == .sharedIterations(vus: 6, iterations: 20, maxDuration: .seconds(60)))
        #expect(
            try Self.executor(LoadOverride(vus: 50), Self.shared)
                == .sharedIterations(vus: 20, iterations: 20, maxDuration: .seconds(60)), "no more VUs than iterations")
        #expect(try Self.executor(v, Self.perVU) == .perVUIterations(vus: 6, iterations: 2, maxDuration: .seconds(60)))
        for executor in [Self.rate, Self.ramping, Self.rampingRate] {
            #expect(
                Self.message(v, executor) == "--vus does not apply to \(executor.name): its stages or max_vus set "
                    + "the VUs; add --duration to run constant VUs instead, or change load: in the profile")
        }
    }

    @Test func badNumbersAndDurationsAreRefused() {
        #expect(Self.message(LoadOverride(vus: 0), Self.constant) == "--vus must be at least 1, got 0")
        #expect(Self.message(LoadOverride(iterations: -2), Self.constant) == "--iterations must be at least 1, got -2")
        for text in ["30", "0s", "soon", "-5s"] {
            #expect(
                Self.message(LoadOverride(duration: text), Self.constant)
                    == "--duration: bad duration \"\(text)\"; expected a number with a unit, e.g. 30s or 2m", "\(text)")
        }
    }

    @Test func aProfileWithScenariosKeepsItsOwnLoads() throws {
        var p = Self.profile(Self.constant)
        p.scenarios = [
            LoadScenario(
                name: "browse", flows: [Self.flow], roleWeights: [1], load: LoadShape(executor: Self.constant)),
            LoadScenario(name: "buy", flows: [Self.flow], roleWeights: [1], load: LoadShape(executor: Self.rate)),
        ]
        #expect(
            throws: LoadOverrideError(
                "--vus, --duration and --iterations replace the load of a profile without scenarios; this one has "
                    + "scenarios browse, buy: change their load: in the profile")
        ) {
            try LoadOverride(vus: 2).apply(to: p)
        }
    }

    @Test func applyReplacesOnlyTheLoad() throws {
        let p = Self.profile(Self.constant)
        let changed = try LoadOverride(vus: 3).apply(to: p)
        #expect(changed.scenarios[0].load.executor == .constantVUs(vus: 3, duration: .seconds(30), rampUp: .seconds(5)))
        var expected = p
        expected.scenarios[0].load = changed.scenarios[0].load
        #expect(changed == expected)
    }
}
