import Scenario

/// What `rehearse network list` prints: one row per preset (name, RTT, jitter, down, up, description), then each
/// preset's sources and the files they name, then how to read the numbers.
public enum NetworkList {
    /// The table, the sources, the files and the notes, ending with a newline.
    public static func render(_ presets: [NetworkPreset]) -> String {
        var text = table(presets) + "\n\nSources\n" + sources(presets) + "\n"
        text += "\nFiles\n" + NetworkPresets.sourceFiles.joined(separator: "\n") + "\n\n"
        text += notes.joined(separator: "\n") + "\n"
        return text
    }

    static let notes = [
        "RTT is the added round trip, applied as half in each direction; it adds to the real path's own.",
        "Rates are bits per second (1 kbit = 1000 bit), shared by all connections of one virtual user.",
        "Cloud paths have no bandwidth limit. Current cloud figures: cloudping.co, AWS Network Manager",
        "(Infrastructure Performance), GCP Performance Dashboard.",
        "Use a preset as `network: slow-4g` or `--network slow-4g`; Profiles/network/ holds each as a file to adapt.",
    ]

    /// The numbers, aligned; the description column is left-aligned after the right-aligned numbers.
    static func table(_ presets: [NetworkPreset]) -> String {
        var table = TextTable(header: ["name", "RTT", "jitter", "down", "up"], firstNumericColumn: 1)
        for preset in presets {
            let c = preset.conditions
            table.rows.append([
                preset.name, NetworkText.milliseconds(c.rtt),
                c.jitter == .zero ? "-" : NetworkText.milliseconds(c.jitter),
                NetworkText.rate(c.downBitsPerSecond), NetworkText.rate(c.upBitsPerSecond),
            ])
        }
        let descriptions = ["description"] + presets.map(\.description)
        return zip(table.render().split(separator: "\n", omittingEmptySubsequences: false), descriptions)
            .map { "\($0)  \($1)" }.joined(separator: "\n")
    }

    /// `name  source`, one source per line, the name only on the first.
    static func sources(_ presets: [NetworkPreset]) -> String {
        let width = presets.map(\.name.count).max() ?? 0
        var lines: [String] = []
        for preset in presets {
            for (index, source) in preset.sources.enumerated() {
                let name = index == 0 ? preset.name : ""
                lines.append(name + String(repeating: " ", count: width - name.count) + "  " + source)
            }
        }
        return lines.joined(separator: "\n")
    }
}
