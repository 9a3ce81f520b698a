import ArgumentParser
import TestSupport
import Testing

@testable import RehearseCommands

/// The command line, parsed in process: subcommands, options, and what becomes exit code 2.
@Suite struct CommandParsingTests {
    @Test func runParsesItsProfileOptionsAndGlobalFlags() throws {
        let parsed = try Rehearse.parseAsRoot([
            "run", "Profiles/demo.yaml", "--vus", "5", "--duration", "30s", "--workers", "2", "--out", "/tmp/r",
            "--network", "slow-4g", "--phases", "-q",
        ])
        let run = try #require(parsed as? RunCommand)
        #expect(run.profile == "Profiles/demo.yaml")
        #expect(run.options.vus == 5 && run.options.duration == "30s" && run.options.workers == 2)
        #expect(run.options.output.out == "/tmp/r" && run.options.network == "slow-4g" && run.options.phases)
        #expect(run.global.quiet && !run.global.verbose)
    }

    @Test(arguments: [
        (["validate", "p.yaml"], "validate"), (["probe", "p.yaml"], "probe"), (["demo"], "demo"),
        (["demo-server"], "demo-server"), (["report", "Results/x"], "report"), (["compare", "a", "b"], "compare"),
        (["network", "list"], "list"), (["import", "curl", "curl http://127.0.0.1:9/"], "curl"),
    ])
    func everySubcommandParses(arguments: [String], name: String) throws {
        let parsed = try Rehearse.parseAsRoot(arguments)
        #expect(type(of: parsed).configuration.commandName == name)
    }

    /// What `Rehearse.runMain` turns into exit code 2 (a bad command line is bad input like any other).
    @Test(arguments: [
        ["run"], ["run", "p.yaml", "--vus", "many"], ["run", "p.yaml", "--no-such-option"], ["nonsense"],
        ["validate", "a.yaml", "b.yaml"],
    ])
    func aBadCommandLineIsAValidationFailure(arguments: [String]) {
        let error = #expect(throws: (any Error).self) { try Rehearse.parseAsRoot(arguments) }
        #expect(error.map { Rehearse.exitCode(for: $0) } == .validationFailure, "\(arguments)")
    }

    @Test func badOverridesOfAProfileExitTwo() throws {
        let folder = try TemporaryFolder("commands")
        defer { folder.remove() }
        try folder.write("flow.yaml", "steps:\n  - get: /ok\n")
        let path = try folder.write(
            "profile.yaml",
            """
            name: p
            target: { base_url: "http://127.0.0.1:9" }
            flows: [flow.yaml]
            load: { vus: 1, duration: 1s }

            """)
        let profile = try ProfileInput.load(path)
        for arguments in [["--workers", "0"], ["--vus", "0"], ["--duration", "soon"], ["--iterations", "0"]] {
            let run = try #require(try Rehearse.parseAsRoot(["run", path] + arguments) as? RunCommand)
            let error = #expect(throws: ExitCode.self) { try run.options.apply(to: profile) }
            #expect(error == RehearseCommands.ExitStatus.badInput.exitCode, "\(arguments)")
        }
        let shortened = try #require(try Rehearse.parseAsRoot(["run", path, "--duration", "2s"]) as? RunCommand)
        #expect(try shortened.options.apply(to: profile).scenarios[0].load.end == .seconds(2))
    }

    @Test func aMissingOrBrokenProfileExitsTwo() throws {
        let folder = try TemporaryFolder("commands")
        defer { folder.remove() }
        let broken = try folder.write("broken.yaml", "name: [\n")
        for path in [folder.path("missing.yaml"), broken] {
            let error = #expect(throws: ExitCode.self) { try ProfileInput.load(path) }
            #expect(error == RehearseCommands.ExitStatus.badInput.exitCode)
        }
    }
}
