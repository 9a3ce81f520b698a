import Foundation
import Scenario

/// A temporary folder with real files (profile, flows, CSV) for loader tests.
struct TestFiles {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "rehearsal-scenario-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Writes `text` to `relative` (folders created) and returns the full path.
    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        let full = path(relative)
        let folder = (full as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
        return full
    }

    func path(_ relative: String) -> String { directory + "/" + relative }
}

/// The error `body` throws, or `nil` when it succeeds.
func scenarioError<T>(_ body: () throws -> T) -> ScenarioError? {
    do {
        _ = try body()
        return nil
    } catch let error as ScenarioError {
        return error
    } catch {
        return ScenarioError(file: "?", message: "unexpected error \(error)")
    }
}

/// Decodes a flow from text (file name `flow.yaml`).
func decodeFlow(_ yaml: String) throws(ScenarioError) -> Flow {
    try FlowDecoder.decode(yaml: yaml, file: "flow.yaml")
}

/// The single request of a one-step flow.
func onlyRequest(_ flow: Flow) -> RequestStep? {
    if case .request(let r)? = flow.steps.first { r } else { nil }
}
