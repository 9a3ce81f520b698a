import TestSupport

extension ChildProcess {
    /// Waits for the exit without holding a thread: the docs tests wait seconds for runs, and Swift Testing's pool
    /// has a thread per core, which the rest of the suite needs meanwhile. After `timeout`, as ``wait(timeout:)``:
    /// the child is killed and this throws.
    func finished(timeout: Duration = .seconds(60)) async throws -> Output {
        let deadline = ContinuousClock.now + timeout
        while !hasExited, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        return try wait(timeout: .zero)
    }
}
