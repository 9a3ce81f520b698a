import ArgumentParser
import Foundation
import TestSupport
import Testing

@testable import RehearseCommands

/// Issue 13 §4 in process: unknown subcommands get a "did you mean", negative numbers reach their own check, and
/// every output path is judged before a run sends anything.
@Suite struct InputCheckTests {
    @Test func unknownSubcommandsGetADidYouMean() {
        #expect(
            Rehearse.unknownCommand(in: ["runn", "p.yaml"])
                == "error: rehearse: unknown command 'runn'\n  hint: did you mean run?")
        #expect(Rehearse.unknownCommand(in: ["valdate"])?.hasSuffix("did you mean validate?") == true)
        #expect(Rehearse.unknownCommand(in: ["import", "curll"])?.hasSuffix("did you mean curl?") == true)
        #expect(Rehearse.unknownCommand(in: ["zzz"])?.contains("hint: commands: run, ") == true)
        for fine in [
            ["run", "p.yaml"], ["import", "har", "x.har"], ["network", "list"], ["--help"], ["help", "run"], [],
        ] {
            #expect(Rehearse.unknownCommand(in: fine) == nil, "\(fine)")
        }
    }

    @Test func negativeNumbersAreValuesNotOptions() throws {
        let run = try #require(
            try Rehearse.parseAsRoot(["run", "p.yaml", "--vus", "-3", "--workers", "-1"]) as? RunCommand)
        #expect(run.options.vus == -3 && run.options.workers == -1)
    }

    @Test func outputPathsAreJudgedBeforehand() throws {
        let folder = try TemporaryFolder("outputs")
        defer { folder.remove() }
        let file = try folder.write("taken.txt", "x")
        #expect(OutputPaths.problem(file: folder.path("new.xml")) == nil)
        #expect(OutputPaths.problem(file: file) == nil, "an existing file is replaced")
        #expect(OutputPaths.problem(file: folder.directory) == "it is a folder; name a file")
        #expect(
            OutputPaths.problem(file: folder.path("missing/x.xml"))
                == "the folder \(folder.path("missing")) does not exist")
        #expect(OutputPaths.problem(folder: folder.path("a/b/c")) == nil, "missing folders are created")
        #expect(FileManager.default.fileExists(atPath: folder.path("a/b/c")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("a/b/c")).isEmpty, "no probe left")
        #expect(OutputPaths.problem(folder: file + "/results") == "\(file) is a file, not a folder")
        #expect(OutputPaths.problem(folder: file) == "it is a file, not a folder")
        #expect(OutputPaths.problem(folder: "/proc/rehearsal-h13")?.hasPrefix("cannot create it") == true)
        #expect(OutputPaths.problem(file: "/proc/rehearsal-h13.xml")?.hasPrefix("cannot write in /proc") == true)
        #expect(
            OutputPaths.firstProblem(files: [("--junit", nil), ("--markdown", folder.directory)], folders: [])
                == "error: --markdown: cannot write \(folder.directory): it is a folder; name a file")
    }
}
