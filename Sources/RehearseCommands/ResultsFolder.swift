import Foundation
import Metrics

/// `Results/<UTC time>-<profile>/`: `summary.json` (the documented summary) and `histograms.json` (every series'
/// histograms, from which reports are re-rendered).
enum ResultsFolder {
    /// Creates a new, uniquely named folder for a run.
    static func create(in parent: String, profile: String, now: Date = Date()) throws -> URL {
        let stamp = now.ISO8601Format(.iso8601.year().month().day().dateSeparator(.omitted)
            .time(includingFractionalSeconds: false).timeSeparator(.omitted))
        let safeName = String(profile.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
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
        let pretty = JSONEncoder()
        pretty.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        pretty.keyEncodingStrategy = .convertToSnakeCase
        try pretty.encode(summary).write(to: folder.appendingPathComponent("summary.json"), options: .atomic)
        let compact = JSONEncoder()
        compact.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        compact.keyEncodingStrategy = .convertToSnakeCase
        try compact.encode(saved).write(to: folder.appendingPathComponent("histograms.json"), options: .atomic)
    }

    /// `evidence.json`: the failing requests and responses of a probe, secrets already redacted.
    static func writeEvidence(_ evidence: [FailureEvidence], to folder: URL) throws {
        guard !evidence.isEmpty else { return }
        let pretty = JSONEncoder()
        pretty.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        pretty.keyEncodingStrategy = .convertToSnakeCase
        try pretty.encode(evidence).write(to: folder.appendingPathComponent("evidence.json"), options: .atomic)
    }

    /// Reads a run saved by `write`.
    static func read(_ folder: String) throws -> SavedRun {
        let url = URL(fileURLWithPath: folder).appendingPathComponent("histograms.json")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(SavedRun.self, from: Data(contentsOf: url))
    }
}
