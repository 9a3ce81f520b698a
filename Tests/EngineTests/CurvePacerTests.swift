import Scenario
import Testing

@testable import Engine

/// The closed model's pacer answers from the curve's last flat stretch without walking the curve, and answers
/// exactly as the walk does everywhere.
@Suite("Curve pacer")
struct CurvePacerTests {
    private func stage(_ seconds: Int64, _ target: Double) -> Stage {
        Stage(duration: .seconds(seconds), target: target)
    }

    @Test func theLastFlatStretchIsFoundWithTheFlatStagesBeforeIt() throws {
        let curve = LoadCurve(start: 0, stages: [stage(10, 50), stage(20, 50), stage(30, 50), stage(5, 0)])
        let flat = try #require(CurvePacer.lastFlatStretch(of: curve))
        #expect(flat.from == 10_000_000_000)
        #expect(flat.until == 60_000_000_000)
        #expect(flat.level == 50)
        #expect(CurvePacer.lastFlatStretch(of: LoadCurve(start: 0, stages: [stage(10, 5)])) == nil)
    }

    @Test func answersAsTheCurveWalkDoes() {
        let curves = [
            LoadCurve(start: 0, stages: [stage(2, 8), stage(3, 8)]),
            LoadCurve(start: 4, stages: [stage(2, 4), stage(2, 0), stage(2, 6), stage(2, 6)]),
            LoadCurve(start: 3, stages: [stage(4, 3)]),
        ]
        for curve in curves {
            let window = ScenarioWindow(start: 1_000, end: 1_000 + UInt64(curve.length.nanoseconds))
            let pacer = CurvePacer(window: window, curve: curve)
            for step in stride(from: UInt64(0), through: UInt64(curve.length.nanoseconds) + 1_000, by: 250_000_000) {
                let now = 1_000 + step
                for user in 0..<9 {
                    let walked = CurvePacer.walk(curve, window: window, index: user, now: now)
                    #expect(pacer.next(indexInScenario: user, started: 0, now: now) == walked, "t=\(step) user \(user)")
                }
            }
        }
    }
}

extension CurvePacer {
    /// The answer of the curve walk alone (the pacer without its flat-stretch shortcut).
    static func walk(_ curve: LoadCurve, window: ScenarioWindow, index: Int, now: UInt64) -> IterationGate {
        guard now < window.end,
            let at = curve.firstTime(above: Double(index), from: .nanoseconds(Int64(window.offset(now))))
        else { return .done }
        let time = window.start + at.nanoseconds
        return time <= now ? .start : .wait(until: time)
    }
}
