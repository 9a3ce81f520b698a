import Foundation
import Metrics
import Reports
import Scenario
import Verdicts

/// `Results/<UTC time>-<profile>/`: `summary.json` (the documented summary), `histograms.json` (every series'
/// histograms, from which reports are re-rendered) and `report.html` (the page).
enum ResultsFolder {
    /// Creates a new, uniquely named folder for a run; a segment's name ends in `-2of8`, so processes of one split
    /// run started in the same second into one folder never pick the same name.
    static func create(in parent: String, profile: String, segment: Segment = .whole, now: Date = Date()) throws -> URL
    {
        let stamp = now.ISO8601Format(
            .iso8601.year().month().day().dateSeparator(.omitted)
                .time(includingFractionalSeconds: false).timeSeparator(.omitted))
        let safeName =
            String(profile.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
            + (segment.isWhole ? "" : "-\(segment.index)of\(segment.count)")
        var folder = URL(fileURLWithPath: parent).appendingPathComponent("\(stamp)-\(safeName)")
        var n = 2
        while FileManager.default.fileExists(atPath: folder.path) {
            folder = URL(fileURLWithPath: parent).appendingPathComponent("\(stamp)-\(safeName)-\(n)")
            n += 1
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func write(_ saved: SavedRun, summary: RunSummary, to folder: URL) throws {
        try write(SummaryJSON().render(summary), to: folder.appendingPathComponent("summary.json"))
        try write(JSONText.encode(saved, pretty: false), to: folder.appendingPathComponent("histograms.json"))
    }

    /// `report.html`: the run as one self-contained page, with the knee's levels when the folder holds `knee.json`.
    /// Rendered from what the folder keeps, so `rehearse report RUN --html` writes the same page again. A run
    /// re-judged for another spinner limit (`recordedSpinnerMs` is the run's own) gets a page of its own beside it,
    /// `report-spinner-3000ms.html`, and the run's page stays as the run left it.
    @discardableResult
    static func writeReport(_ saved: SavedRun, to folder: URL, recordedSpinnerMs: Int? = nil) throws -> URL {
        let rejudged = recordedSpinnerMs.map { $0 != saved.info.spinnerMs } ?? false
        let file = folder.appendingPathComponent(
            rejudged ? "report-spinner-\(saved.info.spinnerMs)ms.html" : "report.html")
        let page = RunPage(
            run: saved, runID: folder.standardizedFileURL.lastPathComponent, knee: try readKnee(folder),
            recordedSpinnerMs: recordedSpinnerMs)
        try write(HTMLReport().render(page), to: file)
        return file
    }

    /// `knee.json`, when the run was a knee test.
    static func readKnee(_ folder: URL) throws -> KneeReport? {
        let url = folder.appendingPathComponent("knee.json")
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(KneeReport.self, from: Data(contentsOf: url))
    }

    /// `evidence.json`: the failing requests and responses of a probe, secrets already redacted.
    static func writeEvidence(_ evidence: [FailureEvidence], to folder: URL) throws {
        guard !evidence.isEmpty else { return }
        try write(JSONText.encode(evidence), to: folder.appendingPathComponent("evidence.json"))
    }

    private static func write(_ text: String, to file: URL) throws {
        try Data(text.utf8).write(to: file, options: .atomic)
    }

    /// The evidence a run saved (none when it has no `evidence.json`).
    static func readEvidence(_ folder: String) throws -> [FailureEvidence] {
        let url = URL(fileURLWithPath: folder).appendingPathComponent("evidence.json")
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode([FailureEvidence].self, from: Data(contentsOf: url))
    }

    /// Reads a run saved by `write`; a `ReadError` says what is missing or wrong.
    static func read(_ folder: String) throws(ReadError) -> SavedRun {
        let url = URL(fileURLWithPath: folder).appendingPathComponent("histograms.json")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
            throw ReadError(folder: folder, reason: "no such folder")
        }
        guard isDirectory.boolValue else {
            throw ReadError(folder: folder, reason: "not a folder (a run is a folder under Results/)")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            let has = files.contains("summary.json") ? "it has summary.json but " : ""
            let reason =
                files.isEmpty
                ? "the folder is empty: it holds no run (no histograms.json)"
                : "\(has)histograms.json is missing, so it is not a run folder (or an incomplete one)"
            throw ReadError(folder: folder, reason: reason)
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(SavedRun.self, from: data)
        } catch {
            throw ReadError(folder: folder, reason: "histograms.json is not a saved run: " + Self.describe(error))
        }
    }

    /// Why a folder is not a readable run, in words.
    struct ReadError: Error, CustomStringConvertible {
        var folder: String
        var reason: String
        var description: String { "\(folder): cannot read a saved run: \(reason)" }
    }

    /// A decoding error in a line: what is wrong and where (`run.vus`), not Foundation's whole description.
    private static func describe(_ error: any Error) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }.description
        }
        switch error as? DecodingError {
        case .keyNotFound(let key, let c)?:
            return "no \(key.stringValue) at \(path(c.codingPath).isEmpty ? "the top" : path(c.codingPath))"
        case .typeMismatch(_, let c)?, .valueNotFound(_, let c)?: return "\(path(c.codingPath)): \(c.debugDescription)"
        case .dataCorrupted(let c)?:
            return c.codingPath.isEmpty ? "not JSON" : "\(path(c.codingPath)): \(c.debugDescription)"
        default: return "\(error)"
        }
    }
}
