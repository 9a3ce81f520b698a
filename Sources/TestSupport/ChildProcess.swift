import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process for tests (the `rehearse` binary, a script, `python3`), spawned with `posix_spawn` so it starts
/// clean, and always waited for with a bound.
///
/// Why not Foundation's `Process`: a child inherits its parent's signal mask and ignored signals across `exec`, and
/// the test runner's threads are not the place to choose those (children of the test runner used to ignore
/// SIGTERM, so tests killed them with SIGKILL and could not test a graceful stop). Here the child gets an empty
/// signal mask and default dispositions (`POSIX_SPAWN_SETSIGMASK`, `POSIX_SPAWN_SETSIGDEF`), no descriptor but its
/// three standard ones (a server socket of another test must not live on in it), and a process group of its own, so
/// a timed-out child is killed with everything it started. swift-subprocess does the same, but only behind an
/// `async` API; these tests wait synchronously.
///
/// Output goes to files rather than pipes, so a chatty child can never block on a full pipe, and a test can read
/// what it printed so far (a readiness line) while it runs.
public final class ChildProcess: @unchecked Sendable {
    // @unchecked: `reaped` is guarded by `lock`; everything else is immutable.

    /// How a child ended.
    public struct Output: Sendable {
        /// The exit code; 128 + the signal number when a signal ended it (as a shell reports it).
        public var status: Int32
        public var stdout: String
        public var stderr: String
        /// Seconds from spawn to exit.
        public var seconds: Double
        /// Everything printed, for messages.
        public var transcript: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
    }

    /// A child that could not be started, or did not do what was awaited in time.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    /// The child's process id (and process group id).
    public let pid: pid_t
    /// The executable and its arguments, for messages.
    public let command: [String]
    private let io: URL
    private let started = ContinuousClock.now
    private let lock = NSLock()
    private var reaped: Int32?

    /// Starts `executable` (a path, or a name looked up in `PATH`) with `arguments`, the test process's environment
    /// plus `environment`, in `directory` (default: the current one), with `input` as its standard input.
    public init(
        _ executable: String, _ arguments: [String] = [], environment: [String: String] = [:],
        directory: String? = nil, input: String = ""
    ) throws {
        command = [executable] + arguments
        io = FileManager.default.temporaryDirectory.appendingPathComponent("rehearsal-child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: io, withIntermediateDirectories: true)
        try Data(input.utf8).write(to: io.appendingPathComponent("stdin"))
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { $1 }
        pid = try Spawn.start(
            executable, arguments: arguments, environment: merged, directory: directory,
            stdin: io.appendingPathComponent("stdin").path, stdout: io.appendingPathComponent("stdout").path,
            stderr: io.appendingPathComponent("stderr").path)
    }

    deinit {
        if lock.withLock({ reaped }) == nil {
            kill(-pid, SIGKILL)
            _ = reap(blocking: true)
        }
        try? FileManager.default.removeItem(at: io)
    }

    /// Runs a command to its end (at most `timeout`) and returns what it printed.
    public static func run(
        _ executable: String, _ arguments: [String] = [], environment: [String: String] = [:],
        directory: String? = nil, input: String = "", timeout: Duration = .seconds(60)
    ) throws -> Output {
        try ChildProcess(executable, arguments, environment: environment, directory: directory, input: input)
            .wait(timeout: timeout)
    }

    /// What the child has written to stdout so far.
    public var stdoutSoFar: String { read("stdout") }

    /// What the child has written to stderr so far.
    public var stderrSoFar: String { read("stderr") }

    /// Sends `signal` to the child itself (not its group).
    public func send(_ signal: Int32) {
        kill(pid, signal)
    }

    /// SIGINT, as Ctrl-C would.
    public func interrupt() { send(SIGINT) }

    /// SIGTERM, as a service manager would.
    public func terminate() { send(SIGTERM) }

    /// Waits until the child has printed a line containing `text` on stderr or stdout, and returns that line.
    /// Throws (naming what it printed) when the child exits or `timeout` passes first.
    public func waitForLine(containing text: String, timeout: Duration = .seconds(20)) throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let lines = (stderrSoFar + "\n" + stdoutSoFar).split(separator: "\n")
            if let line = lines.first(where: { $0.contains(text) }) { return String(line) }
            if hasExited { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw Failure("\(command.joined(separator: " ")) printed no line with '\(text)':\n\(stderrSoFar)\(stdoutSoFar)")
    }

    /// Whether the child has exited (and was reaped).
    public var hasExited: Bool {
        lock.withLock { reaped } != nil || reap(blocking: false) != nil
    }

    /// Waits for the exit and returns what the child printed. After `timeout` the child's process group gets
    /// SIGTERM, then SIGKILL, and this throws.
    public func wait(timeout: Duration = .seconds(60)) throws -> Output {
        let deadline = ContinuousClock.now + timeout
        var status = reap(blocking: false)
        while status == nil, ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.01)
            status = reap(blocking: false)
        }
        guard let status else {
            kill(-pid, SIGTERM)
            if !Wait.until(timeout: .seconds(2), { hasExited }) { kill(-pid, SIGKILL) }
            _ = reap(blocking: true)
            throw Failure("\(command.joined(separator: " ")) did not exit within \(timeout); killed\n\(stderrSoFar)")
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Output(status: status, stdout: stdoutSoFar, stderr: stderrSoFar, seconds: seconds)
    }

    private func read(_ name: String) -> String {
        (try? String(contentsOf: io.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }

    /// The exit status once the child has exited (reaping it once), else nil.
    private func reap(blocking: Bool) -> Int32? {
        lock.withLock {
            if let reaped { return reaped }
            var raw: Int32 = 0
            let result = waitpid(pid, &raw, blocking ? 0 : WNOHANG)
            guard result == pid else { return nil }
            // WIFEXITED / WEXITSTATUS / WTERMSIG are C macros Swift cannot call.
            let signal = raw & 0x7f
            reaped = signal == 0 ? (raw >> 8) & 0xff : 128 + signal
            return reaped
        }
    }
}
