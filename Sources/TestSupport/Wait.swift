import Foundation

/// Waiting for something a test can observe (a count, a line, a state) instead of sleeping a fixed time and hoping.
///
/// The deadline is generous on purpose: it only bounds a test that is failing anyway; a passing test returns as soon
/// as the condition holds, however busy the machine is.
public enum Wait {
    /// Polls `value` every 10 ms until `condition` holds or `timeout` passes, and returns the last value either way,
    /// so the test's own expectation judges it (and prints it when it fails).
    public static func until<T>(
        timeout: Duration = .seconds(10), _ value: () throws -> T, until condition: (T) -> Bool
    ) rethrows -> T {
        let deadline = ContinuousClock.now + timeout
        var current = try value()
        while !condition(current), ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.01)
            current = try value()
        }
        return current
    }

    /// Polls `condition` every 10 ms until it holds or `timeout` passes; returns whether it held.
    @discardableResult
    public static func until(timeout: Duration = .seconds(10), _ condition: () throws -> Bool) rethrows -> Bool {
        try until(timeout: timeout, condition) { $0 }
    }
}
