import Metrics
import Testing

@Suite("StepSeries")
struct StepSeriesTests {
    @Test func recordsASuccessfulSampleOnAFreshConnection() {
        var s = StepSeries()
        s.record(
            RequestSample(
                totalMicros: 12_000, phaseMicros: (300, 700, 0, 9_000, 2_000), freshConnection: true, bytes: 512))
        #expect(s.requests == 1)
        #expect(s.failed == 0)
        #expect(s.total.count == 1)
        #expect(within3Digits(s.total.maxMicros, 12_000))
        #expect(s.freshConnections == 1)
        #expect(s.reusedConnections == 0)
        #expect(s.bytes == 512)
        #expect(s.overSpinner == 0)
        #expect(s.messages.isEmpty)
        #expect(s.phases[Phase.dns.index].count == 1)
        #expect(s.phases[Phase.connect.index].count == 1)
        #expect(s.phases[Phase.tls.index].count == 0, "no TLS time, no TLS sample (plain HTTP)")
        #expect(s.phases[Phase.ttfb.index].count == 1)
        #expect(s.phases[Phase.transfer.index].count == 1)
        #expect(within3Digits(s.phases[Phase.ttfb.index].maxMicros, 9_000))
        #expect(within3Digits(s.phases[Phase.connect.index].maxMicros, 700))
    }

    @Test func tlsTimeIsRecordedOnFreshConnectionsThatHadOne() {
        var s = StepSeries()
        s.record(RequestSample(totalMicros: 5_000, phaseMicros: (10, 200, 1_800, 2_500, 100), freshConnection: true))
        #expect(s.phases[Phase.tls.index].count == 1)
        #expect(within3Digits(s.phases[Phase.tls.index].maxMicros, 1_800))
    }

    @Test func reusedConnectionsRecordOnlyTtfbAndTransfer() {
        var s = StepSeries()
        // Even if a (stale) value is passed for dns/connect/tls, a reused connection does not count them.
        s.record(RequestSample(totalMicros: 3_000, phaseMicros: (5, 6, 7, 2_000, 900), freshConnection: false))
        s.record(RequestSample(totalMicros: 4_000, phaseMicros: (0, 0, 0, 3_000, 800), freshConnection: false))
        #expect(s.requests == 2)
        #expect(s.freshConnections == 0)
        #expect(s.reusedConnections == 2)
        #expect(s.phases[Phase.dns.index].count == 0)
        #expect(s.phases[Phase.connect.index].count == 0)
        #expect(s.phases[Phase.tls.index].count == 0)
        #expect(s.phases[Phase.ttfb.index].count == 2)
        #expect(s.phases[Phase.transfer.index].count == 2)
    }

    @Test func failedSampleWithoutResponseCountsErrorAndMessageButNoPhases() {
        var s = StepSeries()
        s.record(
            RequestSample(
                totalMicros: 300_000, phaseMicros: (100, 200, 0, 0, 0), freshConnection: true, responded: false,
                error: .timeout, message: "timeout: no response in 300ms", overSpinner: true))
        #expect(s.requests == 1)
        #expect(s.failed == 1)
        #expect(s.errors(.timeout) == 1)
        #expect(s.errors(.http5xx) == 0)
        #expect(s.errors[ErrorClass.timeout.index] == 1)
        #expect(s.messages == ["timeout: no response in 300ms": 1])
        #expect(s.total.count == 1, "a timed-out request is still in the user-experienced histogram")
        #expect(within3Digits(s.total.maxMicros, 300_000))
        #expect(s.overSpinner == 1)
        #expect(s.freshConnections == 0 && s.reusedConnections == 0, "connections are counted for responses only")
        #expect(Phase.allCases.allSatisfy { s.phases[$0.index].count == 0 }, "phases only for responses")
    }

    @Test func failedSampleWithAResponseStillRecordsPhases() {
        var s = StepSeries()
        s.record(
            RequestSample(
                totalMicros: 2_000, phaseMicros: (0, 0, 0, 1_500, 100), freshConnection: false, responded: true,
                error: .http5xx, message: "HTTP 500"))
        s.record(
            RequestSample(
                totalMicros: 2_100, phaseMicros: (0, 0, 0, 1_600, 100), freshConnection: false, responded: true,
                error: .http5xx, message: "HTTP 500"))
        s.record(RequestSample(totalMicros: 900, error: .check))  // a failure without a message
        #expect(s.failed == 3)
        #expect(s.errors(.http5xx) == 2)
        #expect(s.errors(.check) == 1)
        #expect(s.messages == ["HTTP 500": 2])
        #expect(s.phases[Phase.ttfb.index].count == 3)
        #expect(s.reusedConnections == 3)
    }

    @Test func messageWithoutErrorIsIgnored() {
        var s = StepSeries()
        s.record(RequestSample(totalMicros: 10, message: "not a failure"))
        #expect(s.messages.isEmpty)
        #expect(s.failed == 0)
    }

    @Test func messagesAreCappedAtEightDistinct() {
        var s = StepSeries()
        for i in 0..<12 {
            s.record(RequestSample(totalMicros: 100, error: .other, message: "failure \(i)"))
        }
        // Known messages keep counting after the cap.
        s.record(RequestSample(totalMicros: 100, error: .other, message: "failure 0"))
        #expect(s.messages.count == 8)
        #expect(s.messages["failure 0"] == 2)
        #expect(s.messages["failure 7"] == 1)
        #expect(s.messages["failure 8"] == nil)
        #expect(s.errors(.other) == 13, "errors are counted even when their message is not kept")
    }

    @Test func addMergesEverythingAndKeepsTheMessageCap() {
        var a = StepSeries()
        var b = StepSeries()
        for i in 0..<6 {
            a.record(RequestSample(totalMicros: 1_000 + i, error: .http4xx, message: "a\(i)"))
        }
        a.record(RequestSample(totalMicros: 800, phaseMicros: (1, 2, 3, 4, 5), freshConnection: true, bytes: 10))
        for i in 0..<6 {
            b.record(RequestSample(totalMicros: 2_000 + i, error: .timeout, message: "b\(i)", overSpinner: true))
        }
        b.record(RequestSample(totalMicros: 900, error: .http4xx, message: "a0"))
        b.record(RequestSample(totalMicros: 700, freshConnection: false, bytes: 5))
        var merged = a
        merged.add(b)
        #expect(merged.requests == a.requests + b.requests)
        #expect(merged.total.count == merged.requests)
        #expect(merged.errors(.http4xx) == 7)
        #expect(merged.errors(.timeout) == 6)
        #expect(merged.failed == 13)
        #expect(merged.bytes == 15)
        #expect(merged.overSpinner == 6)
        #expect(merged.freshConnections == 1)
        #expect(merged.reusedConnections == a.reusedConnections + b.reusedConnections)
        #expect(merged.messages.count == 8)
        #expect(merged.messages["a0"] == 2)
        #expect(
            merged.phases[Phase.ttfb.index].count == a.phases[Phase.ttfb.index].count + b.phases[Phase.ttfb.index].count
        )

        var empty = StepSeries()
        empty.add(StepSeries())
        #expect(empty == StepSeries())
        var same = a
        same.add(StepSeries())
        #expect(same == a)
    }
}

@Suite("GroupSeries")
struct GroupSeriesTests {
    @Test func recordsTimesSpinnerCrossingsAndFailures() {
        var g = GroupSeries()
        g.record(micros: 150_000, overSpinner: false, failed: false)
        g.record(micros: 2_500_000, overSpinner: true, failed: false)
        g.record(micros: 3_000_000, overSpinner: true, failed: true)
        #expect(g.count == 3)
        #expect(g.overSpinner == 2)
        #expect(g.failed == 1)
        #expect(g.time.count == 3)
        #expect(within3Digits(g.time.maxMicros, 3_000_000))
    }

    @Test func addMerges() {
        var a = GroupSeries()
        a.record(micros: 100, overSpinner: false, failed: true)
        var b = GroupSeries()
        b.record(micros: 5_000_000, overSpinner: true, failed: false)
        b.record(micros: 6_000_000, overSpinner: true, failed: true)
        a.add(b)
        #expect(a.count == 3)
        #expect(a.overSpinner == 2)
        #expect(a.failed == 2)
        #expect(a.time.count == 3)
        #expect(within3Digits(a.time.maxMicros, 6_000_000))
        let before = a
        a.add(GroupSeries())
        #expect(a == before)
    }
}

/// Issue 13 §4: one cause, one message slot, whatever figures libcurl measured for each request.
@Suite struct FailureMessageTests {
    @Test func measuredFiguresBecomeN() {
        let cases = [
            (
                "refused: Failed to connect to 127.0.0.1 port 9 after 1234 ms: Couldn't connect to server",
                "refused: Failed to connect to 127.0.0.1 port 9 after N ms: Couldn't connect to server"
            ),
            (
                "timeout: Operation timed out after 4001 milliseconds with 100 out of 51200 bytes received",
                "timeout: Operation timed out after N milliseconds with N out of N bytes received"
            ),
            ("took 1.25s, expected at most 1s", "took Ns, expected at most 1s"),
            ("status 500, expected one of 200, 201, 204", "status 500, expected one of 200, 201, 204"),
            (
                "timeout: no complete response within the 4s request timeout",
                "timeout: no complete response within the 4s request timeout"
            ),
            ("HTTP 503", "HTTP 503"),
        ]
        for (message, normalized) in cases { #expect(FailureMessage.normalized(message) == normalized) }
    }

    @Test func oneCauseFillsOneSlot() {
        var s = StepSeries()
        for ms in 0..<40 {
            s.record(
                RequestSample(
                    totalMicros: 1_000, responded: false, error: .refused,
                    message: "refused: Failed to connect to 127.0.0.1 port 9 after \(ms) ms: Couldn't connect to server"
                ))
        }
        s.record(RequestSample(totalMicros: 1_000, error: .http5xx, message: "HTTP 500"))
        #expect(s.messages.count == 2)
        #expect(
            s.messages["refused: Failed to connect to 127.0.0.1 port 9 after N ms: Couldn't connect to server"] == 40)
        #expect(s.messages["HTTP 500"] == 1)
    }
}
