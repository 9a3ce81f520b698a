import Metrics
import Transport

extension VirtualUser {
    /// What a request still out when the run ended says, whatever it waited for.
    static let cutOffMessage = "cut off: still waiting for a response when the run ended"

    /// The run ended while the user still waited: every request out (sent, or queued for a connection or behind the
    /// generator) is recorded as cut off at the time it had waited so far — a lower bound of its latency, never
    /// dropped — and so is the wait of its group. Then the user leaves its iteration. `sentAt` is when a slot's
    /// transfer was handed to libcurl (0, or before the step began: never sent).
    mutating func cutOff(now: UInt64, sentAt: (Int) -> UInt64, context: UserContext, into out: inout VUOutbox) {
        let waited = Int((now &- groupStart) / 1000)
        var cut = 0
        for slot in slotRequest.indices {
            guard let request = slotRequest[slot] else { continue }
            cut += 1
            let sent = sentAt(slot)
            var sample = RequestSample(
                totalMicros: waited, responded: false, error: .cutOff, message: Self.cutOffMessage,
                overSpinner: groupSeries == nil && waited > context.stepSpinnerMicros[request.seriesByRole[role]])
            if sent >= groupStart, sent > 0 { sample.serviceMicros = min(waited, Int((now &- sent) / 1000)) }
            out.results.append(
                .request(
                    RequestRecord(
                        series: request.seriesByRole[role], sample: sample, vu: number, iteration: iteration,
                        issuedAt: groupStart, result: TransferResult(status: 0), sent: nil, trace: slotTrace[slot],
                        serverTiming: [])))
        }
        if cut > 0, let series = groupSeries {
            out.results.append(
                .group(
                    GroupRecord(
                        series: series, waitedMicros: waited, overSpinner: waited > context.groupSpinnerMicros[series],
                        failed: true)
                ))
        }
        abandon()
    }
}
