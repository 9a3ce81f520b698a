import Engine
import Foundation
import Reports

/// The live progress display: one line rewritten about once a second on a terminal; on a pipe or in CI a plain
/// line every few seconds instead.
final class LiveProgress {
    private let enabled: Bool
    private let interactive = Console.interactive
    private var lastPlain = -10.0
    private var drawn = false

    init(enabled: Bool) { self.enabled = enabled }

    /// On a pipe or in CI, says that the run has begun and that Ctrl-C (SIGINT) or SIGTERM now stops it gracefully;
    /// a script or test that stops runs waits for this line before it signals. On a terminal the progress line
    /// follows at once instead.
    func started(_ profile: String) {
        guard enabled, !interactive else { return }
        Console.err("running \(profile): Ctrl-C or SIGTERM stops it gracefully")
    }

    func show(_ p: Engine.Progress) {
        guard enabled else { return }
        let line = ProgressLine.render(
            .init(
                elapsedSeconds: p.elapsedSeconds, activeVUs: p.activeVUs, requests: p.requests, rate: p.rate,
                p95: p.p95, failed: p.failed, timeouts: p.timeouts, stopping: p.stopping))
        if interactive {
            FileHandle.standardError.write(Data("\r\u{1B}[2K\(line)".utf8))
            drawn = true
        } else if p.elapsedSeconds - lastPlain >= 5 {
            Console.err(line)
            lastPlain = p.elapsedSeconds
        }
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}
