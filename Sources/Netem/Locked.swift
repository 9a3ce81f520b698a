import Foundation

/// A value guarded by a lock: stats, the per-link buckets and the connection registry are shared by connections
/// on different event loops and read from other threads.
///
/// Why not `Synchronization.Mutex`: the package still declares macOS 14, where `Mutex` is not available; and
/// NIO's `NIOLockedValueBox` lives in a module this target does not depend on.
final class Locked<Value>: @unchecked Sendable {
    // @unchecked: every access to `value` goes through `lock`.
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with exclusive access to the value and returns its result.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
