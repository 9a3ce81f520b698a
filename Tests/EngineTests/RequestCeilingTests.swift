import Testing

@testable import Engine

/// The `max_rate` token bucket on its own clock: the documented burst, then exactly the rate.
@Suite struct RequestCeilingTests {
    @Test func aPauseBuysAtMostTheBurstThenTheRateHolds() {
        let ceiling = RequestCeiling(perSecond: 20, start: 0)  // a token every 50 ms; burst 8 tokens (400 ms)
        let now: UInt64 = 10_000_000_000  // long after the start: the bucket is as full as it gets
        var burst = 0
        while ceiling.take(now: now) { burst += 1 }
        #expect(burst == Int(RequestCeiling.burstTokens), "after a pause, exactly the burst is due at once")
        #expect(!ceiling.take(now: now + 49_000_000))
        #expect(ceiling.take(now: now + 50_000_000))
        // From that token on, 10 s hold 10 × 20 tokens: it and 199 more.
        var sent = 1
        var t = now + 50_000_000
        while t < now + 10_050_000_000 {
            if ceiling.take(now: t) { sent += 1 }
            t += 1_000_000
        }
        #expect(sent == 200)
    }

    @Test func highRatesBurstFiftyMilliseconds() {
        let ceiling = RequestCeiling(perSecond: 1000, start: 0)
        var burst = 0
        while ceiling.take(now: 5_000_000_000) { burst += 1 }
        #expect(burst == 50)
    }
}
