import Testing

@testable import Scenario

/// The moments a load changes course, which a run's timeline marks (`ScenarioInfo.marks`).
@Suite("Load marks")
struct LoadMarksTests {
    static func marks(_ load: LoadShape) -> [String] {
        load.marks.map { "\($0.seconds) \($0.label)" }
    }

    @Test func aRampUpEndsThenTheLoadEnds() {
        #expect(
            Self.marks(.constant(vus: 16, duration: .seconds(40), rampUp: .seconds(5))) == [
                "5.0 16 VUs", "40.0 end of load",
            ])
        #expect(Self.marks(.constant(vus: 1, duration: .seconds(10))) == ["10.0 end of load"], "no mark at the start")
    }

    @Test func stagesSayWhereTheyGoAndAScenarioItsStart() {
        let stages = [
            Stage(duration: .seconds(10), target: 20), Stage(duration: .seconds(20), target: 20),
            Stage(duration: .seconds(5), target: 0),
        ]
        let ramping = LoadShape(executor: .rampingVUs(startVUs: 0, stages: stages), startTime: .seconds(3))
        #expect(Self.marks(ramping) == ["3.0 ramp to 20 VUs", "13.0 20 VUs", "33.0 ramp to 0 VUs", "38.0 end of load"])
        let rate = LoadShape(
            executor: .rampingArrivalRate(startRate: 5, stages: [Stage(duration: .seconds(30), target: 50)], maxVUs: 10)
        )
        #expect(Self.marks(rate) == ["30.0 end of load"], "a ramp from the start is not marked at 0 s")
        let shared = LoadShape(
            executor: .sharedIterations(vus: 2, iterations: 10, maxDuration: .seconds(600)), startTime: .seconds(4))
        #expect(Self.marks(shared) == ["4.0 start"], "iteration executors have no planned end")
    }

    @Test func aSteppedLoadMarksEachLevelOnce() throws {
        let knee = try SteppedLoad(
            kind: .vus, levels: [1, 2, 4], levelDuration: .seconds(10), warmup: .seconds(2), maxVUs: 0
        )
        .validated()
        let labels = knee.loadShape.marks.map(\.label)
        #expect(labels.filter { $0.contains("4 VU") }.count <= 2)
        #expect(labels.last == "end of load")
        #expect(knee.loadShape.marks.map(\.seconds).last == 30)
    }
}
