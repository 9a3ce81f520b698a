import Foundation
import Recording
import Scenario
import Testing

/// The fixture HARs under `Fixtures/` and helpers to import them.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Imports `Fixtures/<name>` with `options`.
    static func importHAR(_ name: String, _ options: ImportOptions = ImportOptions()) throws -> ImportResult {
        try HARImport.run(path: path(name), options: options)
    }

    /// Writes `text` to a fresh temporary file and returns its path.
    static func temporary(_ text: String, name: String = "recording.har") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "rehearsal-recording-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    /// The error an import throws, or `nil` when it succeeds.
    static func importError(_ body: () throws -> Any) -> ImportError? {
        do {
            _ = try body()
            return nil
        } catch let error as ImportError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }
}

extension Flow {
    /// Every request of the flow, groups flattened, in order.
    var requests: [RequestStep] {
        steps.flatMap { step -> [RequestStep] in
            switch step {
            case .request(let r): [r]
            case .group(let g): g.requests
            case .think: []
            }
        }
    }

    /// The request whose name (as the loader gives it) is `name`.
    func request(_ name: String) -> RequestStep? { requests.first { $0.name == name } }
}
