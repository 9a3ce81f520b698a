import Testing

@testable import Scenario

@Suite("Stepped load (knee)")
struct SteppedLoadTests {
    @Test func rangesDoubleAndEndOnTheUpperBound() throws {
        #expect(try SteppedLoad.levels("1..64") == [1, 2, 4, 8, 16, 32, 64])
        #expect(try SteppedLoad.levels("3..20") == [3, 6, 12, 20])
        #expect(try SteppedLoad.levels("5/s..20/s") == [5, 10, 20])
        #expect(try SteppedLoad.levels("2, 4,8") == [2, 4, 8])
        #expect(throws: SteppedLoadError.self) { try SteppedLoad.levels("8..2") }
        #expect(throws: SteppedLoadError.self) { try SteppedLoad.levels("a..b") }
    }

    @Test func levelsAreHeldAndMeasuredAfterTheirWarmUp() throws {
        let load = try SteppedLoad(
            kind: .vus, levels: [1, 2, 4], levelDuration: .seconds(5), warmup: .seconds(2), maxVUs: 0
        )
        .validated()
        #expect((1...15).map { load.level(ofSecond: $0) } == [nil, nil, 0, 0, 0, nil, nil, 1, 1, 1, nil, nil, 2, 2, 2])
        #expect(load.level(ofSecond: 16) == nil)
        #expect(load.lastSecond(ofLevel: 1) == 10)
        let curve = try #require(load.loadShape.executor.vuCurve)
        #expect(curve.value(at: .seconds(3)) == 1 && curve.value(at: .seconds(7)) == 2)
        #expect(load.loadShape.executor.length == .seconds(15))
    }

    @Test func badPlansAreRefused() {
        func plan(_ levels: [Double], level: Duration = .seconds(10), warmup: Duration = .seconds(2)) throws {
            _ = try SteppedLoad(kind: .vus, levels: levels, levelDuration: level, warmup: warmup, maxVUs: 0).validated()
        }
        #expect(throws: SteppedLoadError.self) { try plan([]) }
        #expect(throws: SteppedLoadError.self) { try plan([4, 2]) }
        #expect(throws: SteppedLoadError.self) { try plan([1, 2], level: .seconds(2), warmup: .seconds(2)) }
        #expect(throws: SteppedLoadError.self) { try plan([1, 2], level: .milliseconds(2500)) }
        #expect(throws: SteppedLoadError.self) { try plan(Array(1...33).map(Double.init)) }
        #expect(throws: SteppedLoadError.self) { try plan([1, 2], level: .seconds(3 * 3600)) }
    }
}
