import Foundation
import Scenario

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
