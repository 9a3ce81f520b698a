import ArgumentParser
import Foundation
import Scenario

/// Loads a profile for a command, turning input errors into the documented message and exit code.
enum ProfileInput {
    static func load(_ path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> Profile
    {
        do {
            return try ProfileLoader(environment: environment).load(path: path)
        } catch {
            Console.err(error.description)
            throw ExitStatus.badInput.exitCode
        }
    }
}
