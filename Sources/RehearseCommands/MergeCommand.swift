import ArgumentParser
import Foundation
import Metrics
import Reports
import Scenario

/// `rehearse merge`: the segments of a split run (`run --segment I/N` on several machines) made into one run folder
/// that `report`, `compare` and the thresholds treat like any other.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the segments of a split run into one run: exact percentiles, thresholds, exit code.",
        discussion: """
            Histograms are added (HdrHistogram: the merged percentiles are those of one histogram holding every \
            sample), counters summed, timelines lined up on the wall clock, evidence pooled; the thresholds the \
            segments ran with are judged on the whole. One generator-bound segment makes the verdict inconclusive \
            (97). Refused (2): runs of different profiles or Rehearsal versions, overlapping or duplicate segments. \
            Missing segments are merged with a warning, and listed in summary.json (run.merge.missing_segments).

            --logs reads pods' logs (kubectl logs) holding `rehearsal-results` lines (run --results-stdout), \
            unpacks each into OUT/parts/, and merges them with any folders given.

            Exit codes: as rehearse run (0, 1, 2, 97, 98, 99, 130).

            Examples:
              rehearse merge Results/*-gate-*of4 --out Results/gate-merged
              kubectl logs -l app.kubernetes.io/instance=rehearse-gate --tail=-1 > pods.log
              rehearse merge --logs pods.log --out Results/gate-merged
            """)

    @Argument(help: "Run folders of the segments (written by rehearse run --segment).")
    var folders: [String] = []

    @Option(help: "The folder to write the merged run to (created; must not hold a run).")
    var out: String

    @Option(help: "A file of pods' logs with rehearsal-results lines ('-' reads stdin).")
    var logs: String?

    @Flag(help: "Add the per-phase table to the summary.")
    var phases = false

    @Option(help: "Write the thresholds' verdicts as JUnit XML to this file.")
    var junit: String?

    @Option(help: "Write a Markdown summary of the merged run to this file.")
    var markdown: String?

    func run() throws {
        let outURL = URL(fileURLWithPath: out)
        try prepare(outURL)
        let unpacked = try logs.map { try unpack($0, into: outURL.appendingPathComponent("parts")) } ?? []
        let all = folders + unpacked
        guard !all.isEmpty else { throw bad("nothing to merge", hint: "name run folders, or --logs with pods' logs") }
        let parts = try all.map(readPart)
        let merged: RunMerge.Result
        do {
            merged = try RunMerge.merge(parts)
        } catch {
            throw bad(error.message, hint: error.hint)
        }
        for warning in merged.warnings { Console.err("warning: \(warning)") }
        do {
            try ResultsFolder.write(merged.run, summary: merged.run.summary, to: outURL)
            try ResultsFolder.writeEvidence(merged.evidence, to: outURL)
        } catch {
            Console.err("error: cannot write the merged run to \(out): \(error.localizedDescription)")
            throw ExitStatus.runError.exitCode
        }
        let conclusion = RunConclusion(
            thresholds: try thresholds(merged.run.info), phases: phases, junit: junit, markdown: markdown)
        let status = conclusion.finish(conclusion.show(merged.run, folder: outURL))
        if status != .success { throw status.exitCode }
    }

    /// Creates `--out`; refuses one that already holds a run (merging into it would mix two runs' files).
    private func prepare(_ url: URL) throws {
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("histograms.json").path) {
            throw bad("--out \(out) already holds a run", hint: "choose a new folder for the merged run")
        }
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            Console.err("error: cannot create \(out): \(error.localizedDescription)")
            throw ExitStatus.runError.exitCode
        }
    }

    private func readPart(_ folder: String) throws -> RunMerge.Part {
        let name = URL(fileURLWithPath: folder).lastPathComponent
        do {
            return RunMerge.Part(
                name: name, run: try ResultsFolder.read(folder), evidence: try ResultsFolder.readEvidence(folder))
        } catch {
            throw bad(
                "\(folder)/histograms.json: cannot read a saved run: \(error)",
                hint: "pass run folders written by rehearse run --segment")
        }
    }

    /// Writes each results line of the log as a run folder under `parent`; returns the folders.
    private func unpack(_ source: String, into parent: URL) throws -> [String] {
        let text: String
        if source == "-" {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else if let read = try? String(contentsOfFile: source, encoding: .utf8) {
            text = read
        } else {
            throw bad("--logs \(source): cannot read the file", hint: "kubectl logs … > pods.log, then --logs pods.log")
        }
        let lines: [ResultsLine.Unpacked]
        do {
            lines = try ResultsLine.decodeAll(text)
        } catch {
            throw bad("--logs \(source): \(error)", hint: "collect whole logs: kubectl logs --tail=-1")
        }
        guard !lines.isEmpty else {
            throw bad(
                "--logs \(source): no \(ResultsLine.marker) lines",
                hint: "the pods run rehearse run --results-stdout; kubectl logs needs --tail=-1 with a selector")
        }
        var folders: [String] = []
        for line in lines {
            // A segment twice (a pod run again) gets a second folder: the merge then refuses the overlap.
            let name = "segment-" + line.segment.replacingOccurrences(of: "/", with: "of")
            var folder = parent.appendingPathComponent(name)
            var n = 2
            while FileManager.default.fileExists(atPath: folder.path) {
                folder = parent.appendingPathComponent("\(name)-\(n)")
                n += 1
            }
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                for (file, contents) in line.files where ResultsLine.files.contains(file) {
                    try Data(contents.utf8).write(to: folder.appendingPathComponent(file))
                }
                let saved = try ResultsFolder.read(folder.path)
                try ResultsFolder.write(saved, summary: saved.fullSummary, to: folder)
            } catch {
                throw bad("--logs \(source): segment \(line.segment): \(error)", hint: "collect the logs again")
            }
            folders.append(folder.path)
        }
        return folders
    }

    /// The thresholds the segments ran with (recorded in each run), parsed again.
    private func thresholds(_ info: RunInfo) throws -> [Threshold] {
        do {
            return try (info.thresholds ?? []).map { text throws(ParseFailure) in try ThresholdParser.parse(text) }
        } catch {
            throw bad("a recorded threshold no longer parses: \(error)", hint: "merge with the version that ran them")
        }
    }

    private func bad(_ message: String, hint: String) -> ExitCode {
        Console.err("error: \(message)\n  hint: \(hint)")
        return ExitStatus.badInput.exitCode
    }
}
