import NIOCore
import Testing

@testable import Netem

/// The model's arithmetic, without sockets.
@Suite struct ModelTests {
    private let ms: Int64 = 1_000_000

    private func at(_ milliseconds: Int64) -> NIODeadline {
        .uptimeNanoseconds(UInt64(1_000_000_000 + milliseconds * ms))
    }

    @Test func propagationAndSerializationAdd() {
        var line = DelayLine(oneWay: 50 * ms, jitter: 0)
        var rng = SystemRandomNumberGenerator()
        // 1000 bytes at 800 kbit/s take 10 ms on the wire; then 50 ms of propagation.
        let bucket = TokenBucket(bitsPerSecond: 800_000)
        _ = bucket.book(bytes: bucket.depthBytes, arrival: at(0))  // drain the bucket's burst allowance
        let wireFree = bucket.book(bytes: 1000, arrival: at(0))
        #expect(wireFree == at(10))
        let (due, _) = line.due(arrival: at(0), wireFree: wireFree, using: &rng)
        #expect(due == wireFree + .milliseconds(50))
    }

    @Test func idleBucketPassesItsDepthAtOnceThenTheRate() {
        let bucket = TokenBucket(bitsPerSecond: 8_000_000)  // 1 MB/s: depth 5 KB
        #expect(bucket.depthBytes == 5000)
        #expect(bucket.book(bytes: 5000, arrival: at(0)) == at(0))
        #expect(bucket.book(bytes: 1000, arrival: at(0)) == at(1))
        // After an idle second the bucket is full again, never fuller.
        #expect(bucket.book(bytes: 5000, arrival: at(1000)) == at(1000))
        #expect(bucket.book(bytes: 2000, arrival: at(1000)) == at(1002))
    }

    @Test func deepestBucketIs16KB() {
        #expect(TokenBucket(bitsPerSecond: 1_000_000_000).depthBytes == 16 * 1024)
        #expect(TokenBucket(bitsPerSecond: 100_000).depthBytes == 1500)
    }

    @Test func jitterIsDrawnPerBurstNeverNegativeAndAveragesHalfItsBound() {
        var line = DelayLine(oneWay: 10 * ms, jitter: 40 * ms)
        var rng = SystemRandomNumberGenerator()
        var extras: [Int64] = []
        var clock: Int64 = 0
        for _ in 0..<4000 {
            // A burst of three reads 1 ms apart: one draw for all three.
            let first = line.due(arrival: at(clock), wireFree: at(clock), using: &rng).due
            let second = line.due(arrival: at(clock + 1), wireFree: at(clock + 1), using: &rng).due
            let third = line.due(arrival: at(clock + 2), wireFree: at(clock + 2), using: &rng).due
            #expect(second == first + .milliseconds(1) && third == second + .milliseconds(1))
            let extra = (first - at(clock)).nanoseconds - 10 * ms
            #expect(extra >= 0 && extra <= 40 * ms)
            extras.append(extra)
            clock += 100  // an idle gap: the next read starts a new burst
        }
        #expect(line.bursts == 4000)
        let mean = Double(extras.reduce(0, +)) / Double(extras.count) / Double(ms)
        #expect(abs(mean - 20) < 1.5, "mean extra \(mean) ms, expected jitter/2 = 20 ms")
    }

    @Test func dueTimesNeverDecreaseSoBytesNeverReorder() {
        var line = DelayLine(oneWay: 5 * ms, jitter: 30 * ms)
        var rng = SystemRandomNumberGenerator()
        var previous = at(0)
        for step in 0..<2000 {
            let arrival = at(Int64(step % 7 == 0 ? step * 3 : step * 3 - 2))
            let due = line.due(arrival: arrival, wireFree: arrival, using: &rng).due
            #expect(due >= previous && due >= arrival + .milliseconds(5))
            previous = due
        }
    }

    @Test func spikesStallWholeBurstsWithTheirProbability() {
        var line = DelayLine(oneWay: 0, jitter: 0)
        line.spikes = [.init(nanoseconds: 200 * ms, probability: 0.25)]
        var rng = SystemRandomNumberGenerator()
        var spiked = 0
        for burst in 0..<4000 {
            let arrival = at(Int64(burst) * 1000)
            let (due, didSpike) = line.due(arrival: arrival, wireFree: arrival, using: &rng)
            #expect(due == arrival + .milliseconds(didSpike ? 200 : 0))
            if didSpike { spiked += 1 }
        }
        #expect((850...1150).contains(spiked), "\(spiked) of 4000 bursts spiked, expected ~1000")
    }

    @Test func faultsAreDrawnOncePerConnectionAndMapToTheirDirections() {
        var rng = SystemRandomNumberGenerator()
        let faults = [
            LinkFault(kind: .truncate(bytes: 10), direction: .down),
            LinkFault(kind: .blackHole, direction: .up),
            LinkFault(kind: .slowClose(.milliseconds(30))),
            LinkFault(kind: .reset(after: .milliseconds(5), bytes: nil), probability: 0),
        ]
        let plan = FaultPlan.draw(faults, using: &rng)
        #expect(plan.down.byteLimit?.bytes == 10 && plan.down.byteLimit?.reset == false)
        #expect(plan.up.byteLimit == nil)
        #expect(plan.up.blackHole && !plan.down.blackHole)
        #expect(plan.up.closeDelay == 30 * ms && plan.down.closeDelay == 30 * ms)
        #expect(plan.resetAfter == nil && !plan.refuse)
        let half = (0..<2000).filter { _ in
            FaultPlan.draw([LinkFault(kind: .refuse, probability: 0.5)], using: &rng).refuse
        }.count
        #expect((850...1150).contains(half))
    }
}
