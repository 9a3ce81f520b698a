import ArgumentParser
import Scenario

/// `rehearse validate`: loads a profile and its flows and reports problems, sending nothing.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a profile and its flows without sending anything.",
        discussion: """
            Examples:
              rehearse validate Profiles/demo.yaml
              DEMO_ADMIN_PASSWORD=x rehearse validate Profiles/demo.yaml -v
            """)

    @Argument(help: "The profile to check.")
    var profile: String

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let loaded = try ProfileInput.load(profile)
        if !global.quiet {
            Console.out("✓ \(profile) is valid")
            for line in loaded.validationSummary() { Console.out("  " + line) }
        }
    }
}
