@preconcurrency import Dispatch
import Foundation

/// Turns SIGINT, SIGTERM and SIGHUP (a closed terminal or SSH session) into calls of `onStop` (first: graceful,
/// then hard) instead of killing the process, so a stopped run still writes its results.
final class SignalTrap: @unchecked Sendable {
    // @unchecked: `sources` is set once in init and only cancelled afterwards; dispatch sources are thread-safe.
    private let sources: [any DispatchSourceSignal]

    init(onStop: @escaping @Sendable (_ hard: Bool) -> Void) {
        let queue = DispatchQueue(label: "rehearse.signals")
        let count = SignalCount()
        sources = Self.signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { onStop(count.next() > 1) }
            source.resume()
            return source
        }
    }

    /// The signals that stop a run gracefully.
    static let signals = [SIGINT, SIGTERM, SIGHUP]

    /// Restores the default handlers.
    func release() {
        for s in sources { s.cancel() }
        for number in Self.signals { signal(number, SIG_DFL) }
    }
}

/// How many stop signals arrived; touched only on the trap's serial queue.
private final class SignalCount: @unchecked Sendable {
    // @unchecked: mutated only from the one serial DispatchQueue the signal sources use.
    private var n = 0
    func next() -> Int {
        n += 1
        return n
    }
}
