import NIOCore
import Synchronization

/// A simulated database connection pool: `size` slots handed out in FIFO order.
///
/// This is what makes the demo collapse: RLS queries are slow, only a few run at once, the rest
/// queue, and a query whose client has given up still finishes and keeps its slot meanwhile —
/// just as a real database keeps running a query after the HTTP client disconnects.
final class DatabasePool: Sendable {
    private struct State {
        var inUse = 0
        var waiting: [EventLoopPromise<Void>] = []
        /// Index of the first live entry of `waiting` (avoids O(n) `removeFirst`).
        var head = 0
        var peakWaiting = 0
    }

    /// Number of slots.
    let size: Int
    private let state = Mutex(State())

    /// Creates a pool with `size` slots (at least one).
    init(size: Int) {
        self.size = max(1, size)
    }

    /// Completes (on `eventLoop`) once a slot is held; the caller must `release()` it later.
    func acquire(on eventLoop: EventLoop) -> EventLoopFuture<Void> {
        let size = self.size
        return state.withLock { state in
            if state.inUse < size {
                state.inUse += 1
                return eventLoop.makeSucceededVoidFuture()
            }
            let promise = eventLoop.makePromise(of: Void.self)
            state.waiting.append(promise)
            state.peakWaiting = max(state.peakWaiting, state.waiting.count - state.head)
            return promise.futureResult
        }
    }

    /// Gives a slot back: the oldest waiter gets it, or it becomes free.
    func release() {
        let next: EventLoopPromise<Void>? = state.withLock { state in
            guard state.head < state.waiting.count else {
                state.inUse -= 1
                return nil
            }
            let promise = state.waiting[state.head]
            state.head += 1
            if state.head == state.waiting.count {
                state.waiting.removeAll(keepingCapacity: true)
                state.head = 0
            }
            return promise  // the slot passes straight to the waiter: inUse is unchanged
        }
        // Completed outside the lock: the waiter's callbacks may call back into the pool.
        next?.succeed(())
    }

    /// Queries currently waiting for a slot, and the most that ever waited at once.
    var queueLength: (current: Int, peak: Int) {
        state.withLock { ($0.waiting.count - $0.head, $0.peakWaiting) }
    }
}
