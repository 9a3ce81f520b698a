import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The child-process runner: a clean start (signals, descriptors, folder), output and exit codes, bounded waits.
@Suite struct ChildProcessTests {
    @Test func aChildStartsWithNoBlockedOrIgnoredSignals() throws {
        let out = try ChildProcess.run("/bin/sh", ["-c", "grep -E '^Sig(Blk|Ign)' /proc/self/status"])
        #expect(out.status == 0, "\(out.transcript)")
        // The C library keeps two real-time signals of its own (32 and 33) ignored; no standard signal may be.
        let masks = out.stdout.split(separator: "\n").map { $0.split(separator: "\t").last.map(String.init) ?? "" }
        #expect(masks.count == 2)
        #expect(masks.first == "0000000000000000", "blocked: \(out.stdout)")
        #expect(masks.last.flatMap { UInt64($0, radix: 16) }.map { $0 & 0x7fff_ffff } == 0, "ignored: \(out.stdout)")
    }

    @Test func sigtermEndsAChildThatDoesNotTrapIt() throws {
        let child = try ChildProcess("/bin/sh", ["-c", "echo ready; exec sleep 30"])
        _ = try child.waitForLine(containing: "ready")
        child.terminate()
        let out = try child.wait(timeout: .seconds(10))
        #expect(out.status == 128 + SIGTERM, "\(out.transcript)")
        #expect(out.seconds < 10)
    }

    @Test func onlyTheStandardDescriptorsAreInherited() throws {
        let out = try ChildProcess.run("/bin/sh", ["-c", "ls /proc/self/fd"])
        // 0, 1, 2, and the one `ls` opened to read the folder.
        #expect(out.stdout.split(separator: "\n").count <= 4, "\(out.stdout)")
    }

    @Test func outputExitCodeDirectoryEnvironmentAndInput() throws {
        let folder = try TemporaryFolder("child")
        defer { folder.remove() }
        let out = try ChildProcess.run(
            "sh", ["-c", "pwd; echo \"$REHEARSAL_CHILD_TEST\"; cat; echo oops >&2; exit 3"],
            environment: ["REHEARSAL_CHILD_TEST": "set"], directory: folder.directory, input: "from stdin\n")
        #expect(out.status == 3)
        #expect(out.stdout.hasSuffix("set\nfrom stdin\n"), "\(out.stdout)")
        let real = folder.url.resolvingSymlinksInPath().path
        #expect(out.stdout.hasPrefix(real) || out.stdout.hasPrefix(folder.directory), "\(out.stdout)")
        #expect(out.stderr == "oops\n")
    }

    @Test func aChildThatOverrunsItsTimeIsKilledWithItsChildren() throws {
        let child = try ChildProcess("/bin/sh", ["-c", "trap '' TERM; sleep 30 & wait"])
        #expect(throws: ChildProcess.Failure.self) { try child.wait(timeout: .milliseconds(300)) }
        #expect(child.hasExited)
    }

    @Test func aMissingExecutableIsAClearError() {
        let error = #expect(throws: ChildProcess.Failure.self) { try ChildProcess("/nonexistent/rehearse-x") }
        #expect(error?.description.contains("/nonexistent/rehearse-x") == true)
    }
}
