/// The probe's metrics in OpenMetrics 1.0.0, from the Prometheus text the registry writes: a counter family is named
/// without its `_total` (its samples keep it), an exemplar may follow a sample, and the text ends with `# EOF`.
enum OpenMetricsText {
    /// An exemplar for the sample of metric `name` with `sampleLabels`.
    struct Exemplar: Sendable, Equatable {
        var name: String
        var sampleLabels: [ProbeSample.Label]
        var labels: [(name: String, value: String)]
        var value: Double
        /// Seconds since 1970.
        var timestamp: Double

        static func == (a: Exemplar, b: Exemplar) -> Bool {
            a.name == b.name && a.sampleLabels == b.sampleLabels && a.value == b.value && a.timestamp == b.timestamp
                && a.labels.map { "\($0.name)=\($0.value)" } == b.labels.map { "\($0.name)=\($0.value)" }
        }

        /// Whether a sample line of the exposition is this exemplar's sample.
        func belongs(to line: String) -> Bool {
            guard line.hasPrefix(name + "{") || line.hasPrefix(name + " ") else { return false }
            let labels = line.prefix { $0 != "}" }
            return sampleLabels.allSatisfy { labels.contains("\($0.name)=\"\(OpenMetricsText.escape($0.value))\"") }
        }

        /// ` # {trace_id="…",span_id="…"} 1 1700000000.5`.
        var text: String {
            let labels = self.labels.map { "\($0.name)=\"\(OpenMetricsText.escape($0.value))\"" }.joined(separator: ",")
            return " # {\(labels)} \(OpenMetricsText.number(value)) \(OpenMetricsText.number(timestamp))"
        }
    }

    static func convert(_ prometheus: String, exemplars: [Exemplar] = []) -> String {
        let lines = prometheus.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let counters = Set(
            lines.compactMap { line -> String? in
                let parts = line.split(separator: " ")
                return parts.count == 4 && parts[1] == "TYPE" && parts[3] == "counter" ? String(parts[2]) : nil
            })
        var out = ""
        for line in lines {
            if line.hasPrefix("# HELP ") || line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
                let name = String(parts[2])
                let family = counters.contains(name) && name.hasSuffix("_total") ? String(name.dropLast(6)) : name
                out += "\(parts[0]) \(parts[1]) \(family)" + (parts.count > 3 ? " \(parts[3])" : "") + "\n"
                continue
            }
            out += line
            if let exemplar = exemplars.first(where: { $0.belongs(to: line) }) { out += exemplar.text }
            out += "\n"
        }
        return out + "# EOF\n"
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
