import ArgumentParser
import Reports
import Scenario

/// `rehearse network`: the network presets.
struct NetworkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "Network-emulation presets.",
        subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the network presets with their numbers and where each number comes from.",
            discussion: """
                Examples:
                  rehearse network list
                  rehearse run Profiles/demo.yaml --network slow-4g
                """)

        func run() throws {
            Console.out(NetworkList.render(NetworkPresets.all))
        }
    }
}
