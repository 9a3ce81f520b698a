import ArgumentParser
import Foundation
import TestSupport
import Testing

@testable import RehearseCommands

/// The documented exit codes (README "Exit codes") and the results folders runs write into.
@Suite struct ExitStatusTests {
    @Test func exitStatusesAreTheDocumentedCodes() {
        let documented: [(RehearseCommands.ExitStatus, Int32)] = [
            (.success, 0), (.requestsFailed, 1), (.badInput, 2), (.runError, 3), (.inconclusive, 97),
            (.aborted, 98), (.thresholdsFailed, 99), (.interrupted, 130),
        ]
        for (status, code) in documented {
            #expect(status.rawValue == code && status.exitCode == ExitCode(code), "\(status)")
        }
    }

    @Test func aResultsFolderIsNamedByUTCTimeAndASafeProfileName() throws {
        let parent = try TemporaryFolder("results")
        defer { parent.remove() }
        let now = Date(timeIntervalSince1970: 1_700_000_000)  // 2023-11-14 22:13:20 UTC
        let first = try ResultsFolder.create(in: parent.directory, profile: "my profile/v2", now: now)
        #expect(first.lastPathComponent == "20231114T221320-my-profile-v2")
        let second = try ResultsFolder.create(in: parent.directory, profile: "my profile/v2", now: now)
        #expect(second.lastPathComponent == "20231114T221320-my-profile-v2-2", "a second run never overwrites")
        #expect(FileManager.default.fileExists(atPath: second.path))
    }
}
