import CompressNIO
import Foundation
import Metrics
import NIOCore
import Scenario

/// A run folder as one line of text, so that a pod's results leave it through its log (`kubectl logs`), with no
/// volume to provision: `rehearsal-results SEGMENT BASE64`, where BASE64 is the gzipped JSON object
/// `{"histograms.json": "…", "evidence.json": "…"}` (`summary.json` is rebuilt from the histograms). Secrets never
/// reach the folder, so they never reach the line either.
enum ResultsLine {
    static let marker = "rehearsal-results"
    /// The files a line carries.
    static let files = ["histograms.json", "evidence.json"]
    /// Kubernetes rotates a container's log at 10 MiB by default: a longer line would be cut.
    static let logLimit = 10 << 20

    /// The line for the run saved in `folder`; nil (and a message) when it cannot be made.
    static func encode(folder: URL, segment: Segment) -> String? {
        var contents: [String: String] = [:]
        for name in files {
            let url = folder.appendingPathComponent(name)
            if let text = try? String(contentsOf: url, encoding: .utf8) { contents[name] = text }
        }
        do {
            var buffer = ByteBuffer(bytes: try JSONEncoder().encode(contents))
            let packed = try buffer.compress(with: .gzip())
            let line = "\(marker) \(segment) \(Data(packed.readableBytesView).base64EncodedString())"
            if line.utf8.count > logLimit * 9 / 10 {
                Console.err(
                    "warning: the results line is \(line.utf8.count >> 20) MiB: a log rotated at 10 MiB would cut "
                        + "it\n  hint: raise the kubelet's containerLogMaxSize, or collect Results/ from a volume")
            }
            return line
        } catch {
            Console.err("error: cannot pack the results as one line: \(error)")
            return nil
        }
    }

    /// One unpacked line: the segment it names and its files.
    struct Unpacked {
        var segment: String
        var files: [String: String]
    }

    /// Every results line in `log` (other lines, a pod's summary and progress, are skipped).
    static func decodeAll(_ log: String) throws -> [Unpacked] {
        try log.split(whereSeparator: \.isNewline).compactMap { line in
            guard line.hasPrefix(marker + " ") else { return nil }
            return try decode(line)
        }
    }

    private static func decode(_ line: Substring) throws -> Unpacked {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count == 3, let data = Data(base64Encoded: String(fields[2])) else {
            throw LineError("a \(marker) line is cut or garbled (\(line.prefix(60))…)")
        }
        var buffer = ByteBuffer(bytes: data)
        let json = try buffer.decompress(with: .gzip())
        let files = try JSONDecoder().decode([String: String].self, from: Data(json.readableBytesView))
        guard files["histograms.json"] != nil else { throw LineError("a \(marker) line has no histograms.json") }
        return Unpacked(segment: String(fields[1]), files: files)
    }

    struct LineError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
