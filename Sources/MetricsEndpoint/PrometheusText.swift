/// The Prometheus text format as `ProbeMetrics` serves it.
enum PrometheusText {
    /// Orders the families of an exposition by name and each family's samples by their text. The library emits them
    /// in hash order, which changes from process to process. Label values never span lines (a line feed in a value is
    /// escaped as `\n`), so a sample is one line.
    static func sorted(_ text: String) -> String {
        struct Block {
            var name: String
            var header: [Substring] = []
            var samples: [Substring] = []
        }
        var blocks: [Block] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("# HELP ") || line.hasPrefix("# TYPE ") {
                let name = String(line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)[2])
                if blocks.last?.name != name || blocks.last?.samples.isEmpty == false {
                    blocks.append(Block(name: name))
                }
                blocks[blocks.count - 1].header.append(line)
            } else {
                if blocks.isEmpty { blocks.append(Block(name: "")) }
                blocks[blocks.count - 1].samples.append(line)
            }
        }
        // Stable sort by name; samples by their text (which starts with the same metric name, then the labels).
        let ordered = blocks.enumerated().sorted { ($0.element.name, $0.offset) < ($1.element.name, $1.offset) }
        var out = ""
        for (_, block) in ordered {
            for line in block.header { out += line + "\n" }
            for line in block.samples.sorted() { out += line + "\n" }
        }
        return out
    }
}
