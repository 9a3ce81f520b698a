import Foundation
import Recording
import Scenario
import TestSupport
import Testing

/// Issue 13 §6: seeded, bounded fuzzing of every input `rehearse` reads — profiles, flows, HAR files, curl commands.
/// Each mutated input either loads or fails with the documented error (exit 2 for the commands): no crash, no hang,
/// no other error, no "bug in the import", bounded memory.
///
/// The seed and the number of mutations come from `REHEARSAL_FUZZ_SEED` and `REHEARSAL_FUZZ_ITERATIONS` (defaults:
/// a fixed seed, a few hundred of each); `make fuzz` runs thousands. A finding names its seed and iteration, and a
/// long run writes the input to `Tests/Fuzz/findings/` to be added to the corpus.
@Suite(.serialized) struct FuzzTests {
    static let iterations = ProcessInfo.processInfo.environment["REHEARSAL_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 300
    static let seed = ProcessInfo.processInfo.environment["REHEARSAL_FUZZ_SEED"].flatMap { UInt64($0) } ?? 13
    static let longRun = ProcessInfo.processInfo.environment["REHEARSAL_FUZZ_ITERATIONS"] != nil
    /// One input may take this long; past it the run is a hang (a loaded 2-core machine is slow, never this slow).
    static let slowest = Duration.seconds(10)
    static let environment = ["BASE": "http://127.0.0.1:9", "DEMO_ADMIN_PASSWORD": "x", "X": "1"]

    /// Mutates every seed of `kind` in turn and hands each input to `check`, which returns a problem or `nil`.
    func fuzz(_ kind: String, dictionary: [String], salt: UInt64, check: ([UInt8]) -> String?) throws {
        let seeds = try Corpus.files(kind)
        try #require(!seeds.isEmpty)
        var mutator = Mutator(seed: Self.seed &* 1_000_003 &+ salt)
        var findings: [String] = []
        let before = Memory.peakMegabytes()
        for i in 0..<Self.iterations {
            let seed = seeds[i % seeds.count]
            let input = mutator.mutate(seed.bytes, dictionary: dictionary, other: mutator.pick(seeds).bytes)
            if Self.longRun { Corpus.saveLast(kind, input) }
            let start = ContinuousClock.now
            var problem = check(input)
            if problem == nil, ContinuousClock.now - start > Self.slowest {
                problem = "took \(ContinuousClock.now - start)"
            }
            if let problem {
                findings.append("\(kind) seed \(Self.seed) iteration \(i) (from \(seed.name)): \(problem)")
                if Self.longRun { Corpus.saveFinding(kind, i, input) }
            }
        }
        #expect(findings.isEmpty, "\(findings.prefix(5).joined(separator: "\n"))")
        #expect(Memory.peakMegabytes() - before < 1_024, "memory grew by more than 1 GB")
    }

    @Test func profiles() throws {
        let flow = try Corpus.files("flow")
        try fuzz("profile", dictionary: FuzzDictionary.yaml, salt: 1) { input in
            let loader = ProfileLoader(environment: Self.environment) { path in
                if path.hasSuffix(".csv") { return "email,password\na@x.test,p1\nb@x.test,p2\n" }
                return flow[path.utf8.reduce(0) { $0 &+ Int($1) } % flow.count].text
            }
            return Self.scenarioOutcome { () throws(ScenarioError) in
                _ = try loader.decode(yaml: Corpus.text(input), path: "profile.yaml")
            }
        }
    }

    @Test func flows() throws {
        try fuzz("flow", dictionary: FuzzDictionary.yaml, salt: 2) { input in
            Self.scenarioOutcome { () throws(ScenarioError) in
                _ = try FlowDecoder.decode(yaml: Corpus.text(input), file: "flow.yaml")
            }
        }
    }

    @Test func harFiles() throws {
        let folder = try TemporaryFolder("fuzz")
        defer { folder.remove() }
        let path = folder.path("input.har")
        try fuzz("har", dictionary: FuzzDictionary.json, salt: 3) { input in
            FileManager.default.createFile(atPath: path, contents: Data(input))
            return Self.importOutcome { () throws(ImportError) in _ = try HARImport.run(path: path) }
        }
    }

    @Test func curlCommands() throws {
        try fuzz("curl", dictionary: FuzzDictionary.curl, salt: 4) { input in
            Self.importOutcome { () throws(ImportError) in
                _ = try CurlImport.run(text: String(decoding: input, as: UTF8.self))
            }
        }
    }

    /// The unmutated corpus is valid input: the fuzzing starts from what users write.
    @Test func theCorpusLoads() throws {
        for seed in try Corpus.files("flow") {
            #expect(
                Self.scenarioOutcome { () throws(ScenarioError) in
                    _ = try FlowDecoder.decode(yaml: seed.text, file: seed.name)
                } == nil)
        }
        let flow = try Corpus.files("flow")[0].text
        for seed in try Corpus.files("profile") {
            let loader = ProfileLoader(environment: Self.environment) { path in
                path.hasSuffix(".csv") ? "email,password\na@x.test,p1\n" : flow
            }
            #expect(throws: Never.self, "\(seed.name)") { _ = try loader.decode(yaml: seed.text, path: seed.name) }
        }
    }

    /// A load either succeeds or fails with a located ``ScenarioError`` (the commands' exit 2).
    static func scenarioOutcome(_ body: () throws(ScenarioError) -> Void) -> String? {
        do {
            try body()
        } catch {
            return error.message.isEmpty ? "an empty error message: \(error)" : nil
        }
        return nil
    }

    /// An import either succeeds or fails with an ``ImportError`` that is not the import's own bug.
    static func importOutcome(_ body: () throws(ImportError) -> Void) -> String? {
        do {
            try body()
        } catch {
            return error.hint?.contains("bug in the import") == true ? error.description : nil
        }
        return nil
    }
}

/// The same inputs through the real executable: every exit is 0 or 2, within a bounded time.
@Suite(.serialized) struct FuzzCommandTests {
    @Test func commandsExitZeroOrTwo() throws {
        let folder = try TemporaryFolder("fuzz-commands")
        defer { folder.remove() }
        try folder.write("flow.yaml", try Corpus.files("flow")[0].text)
        try folder.write("users.csv", "email,password\na@x.test,p1\n")
        var mutator = Mutator(seed: FuzzTests.seed &+ 99)
        var failures: [String] = []
        for (kind, dictionary) in [
            ("profile", FuzzDictionary.yaml), ("har", FuzzDictionary.json), ("curl", FuzzDictionary.curl),
        ] {
            let seeds = try Corpus.files(kind)
            for i in 0..<8 {
                let input = mutator.mutate(
                    seeds[i % seeds.count].bytes, dictionary: dictionary, other: mutator.pick(seeds).bytes)
                let file = folder.path("input-\(i).\(kind)")
                FileManager.default.createFile(atPath: file, contents: Data(input))
                let arguments =
                    switch kind {
                    case "profile": ["validate", file]
                    case "har": ["import", "har", file, "-q"]
                    default: ["import", "curl", "--file", file, "-q"]
                    }
                let run = try RehearseBinary.run(
                    arguments, environment: FuzzTests.environment, directory: folder.directory, timeout: .seconds(30))
                if run.status != 0 && run.status != 2 { failures.append("\(kind) \(i): \(run.transcript)") }
                if run.status == 2 && run.stderr.isEmpty { failures.append("\(kind) \(i): exit 2 without a message") }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        #expect(Memory.childrenPeakMegabytes() < 2_048, "a child used more than 2 GB")
    }
}
